/// Why `FileSystem.readRegularFile` would not read a file, or `FileSystem.append` not write one.
enum IrregularFile: Error, Equatable {
    /// It is not a regular file but this.
    case kind(FileKind)
    /// It is a regular file longer than the limit.
    case larger(than: Int)
    /// It is a regular file with more than one name (a hard link): writing to it would change
    /// whatever file the other name is.
    case otherNames(links: Int)
}
