/// Where an event file lives inside the events folder: one subfolder per 10,000 sequence numbers.
///
/// Git and the file system slow down on one folder of a million files (every commit rewrites
/// the folder's tree object, every listing walks it), so events from sequence 10,000 on are
/// written to `NNNN/`, where `NNNN` is the sequence number divided by 10,000 (`0001/` holds
/// 10,000 to 19,999). The first 9,999 live in the events folder itself, which is the shipped
/// layout: small registers never see a subfolder, and no landed event is ever moved.
///
/// Readers accept an event either at its shard path or directly in the events folder (stores
/// written before sharding were flat at every size); an event in another shard's folder is
/// misplaced, which `verify` reports as damage.
public enum EventShard {
    public static let size = 10_000
    /// Digits of a shard folder's name.
    public static let digits = 4

    /// The shard number an event of this sequence number belongs to.
    public static func number(of sequence: Int) -> Int { sequence / size }

    /// The subfolder an append writes this sequence number into, or nil for the events folder itself.
    public static func folder(of sequence: Int) -> String? {
        let shard = number(of: sequence)
        guard shard > 0 else { return nil }
        return folderName(shard)
    }

    /// The name of shard `number`'s folder: four digits.
    public static func folderName(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The shard number a folder name claims, or nil when it is not a shard folder name.
    public static func number(ofFolder name: String) -> Int? {
        guard name.utf8.count == digits, name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(name)
    }

    /// The path, inside the events folder, where an append writes the event.
    public static func path(sequence: Int, type: String) -> String {
        path(ofFile: EventFileName.make(sequence: sequence, type: type), sequence: sequence)
    }

    /// The path, inside the events folder, where an event file of this name and number belongs.
    public static func path(ofFile name: String, sequence: Int) -> String {
        folder(of: sequence).map { $0 + "/" + name } ?? name
    }

    /// Splits a path inside the events folder into its shard folder (nil: the folder itself) and file name.
    public static func split(_ path: String) -> (folder: String?, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (nil, path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// Whether an event of this sequence number may live in `folder` (nil: the events folder itself).
    public static func accepts(folder: String?, sequence: Int) -> Bool {
        guard let folder else { return true }
        return number(ofFolder: folder) == number(of: sequence) && number(of: sequence) > 0
    }
}
