/// Why `FileSystem.readRegularFile` would not read a file.
enum IrregularFile: Error, Equatable {
    /// It is not a regular file but this.
    case kind(FileKind)
    /// It is a regular file longer than the limit.
    case larger(than: Int)
}
