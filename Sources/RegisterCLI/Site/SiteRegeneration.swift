import EventStore
import Foundation
import Projections

/// Which parts of a site a run renders. With a manifest from an earlier run on the same store
/// and options whose files are all as it says, only the units new events can change are rendered
/// (`Plan.incremental`): the register-wide pages, the pages of every subject a new event shows
/// on, of every document a new event cites, of every subject whose findings changed, and, when a
/// subject gained or lost its page, of every subject and document whose pages link to it. Any
/// other manifest, or none, gives the whole site (`Plan.whole`), written only where it changed.
/// Either way the files end up byte for byte what a whole regeneration makes.
struct SiteRegeneration {
    enum Plan: Equatable {
        case whole(reason: String)
        case incremental(render: Set<SiteUnit>)
    }

    let site: SitePages
    let register: SiteRegister
    let store: String
    let parameters: String
    /// The site's folder.
    let folder: String

    /// Renders what the plan says into the folder, unit by unit, writing each page as it is made;
    /// removes what the site no longer has; saves the manifest last.
    func run() throws -> (outcome: SiteFiles.Outcome, plan: Plan) {
        let previous = FileManager.default.contents(atPath: folder + "/" + SiteManifest.name).flatMap(SiteManifest.init)
        let findings = findingDigests()
        let plan = self.plan(previous, findings: findings)
        var known: [String: SiteManifest.File] = [:]
        var render: Set<SiteUnit>? = nil
        if case .incremental(let units) = plan, let previous {
            for files in previous.units.values { known.merge(files) { a, _ in a } }
            render = units
        }
        let files = try SiteFiles(folder: folder, known: known)
        for unit in site.units {
            if let render, !render.contains(unit), let kept = previous?.units[unit.key] {
                files.keep(kept, unit: unit.key)
            } else {
                try site.render(unit) { try files.write($0, unit: unit.key) }
            }
        }
        files.removeStale(Self.previousPaths(in: folder, manifest: previous))
        try files.saveManifest(SiteManifest(store: store, parameters: parameters, sequence: register.lastSequence,
                                            head: register.headHash.hex, held: site.held.map(\.description).sorted(),
                                            findings: findings, units: files.units))
        return (files.outcome, plan)
    }

    /// The files an earlier run made, as its manifest (or the list `.register-site` of the first
    /// version of the site, removed here) names them.
    static func previousPaths(in folder: String, manifest: SiteManifest?) -> [String] {
        var paths = manifest.map { $0.units.values.flatMap(\.keys) } ?? []
        let legacy = folder + "/.register-site"
        if let list = FileManager.default.contents(atPath: legacy) {
            paths += String(decoding: list, as: UTF8.self).split(separator: "\n").map(String.init)
            try? FileManager.default.removeItem(atPath: legacy)
        }
        return paths
    }

    /// What the findings section of every subject's page is made of, as digests by `kind:id`.
    func findingDigests() -> [String: String] {
        var digests: [String: String] = [:]
        for subject in site.held { digests[subject.description] = SHA256.hash(Array(site.findingsFingerprint(subject).utf8)).hex }
        return digests
    }

    func plan(_ manifest: SiteManifest?, findings: [String: String]) -> Plan {
        guard let manifest else { return .whole(reason: "no manifest of an earlier run") }
        guard manifest.store == store else { return .whole(reason: "the manifest names another store") }
        guard manifest.parameters == parameters else { return .whole(reason: "other options, settings or version") }
        guard manifest.sequence <= register.lastSequence,
              manifest.sequence == 0 ? manifest.head == SHA256Digest.zero.hex : register.hash(ofSequence: manifest.sequence)?.hex == manifest.head
        else { return .whole(reason: "the manifest's head is not in this store's history") }
        for (_, files) in manifest.units {
            for (path, file) in files {
                guard check(file, at: folder + "/" + path) else { return .whole(reason: "\(path) is not as the manifest says") }
            }
        }
        var render: Set<SiteUnit> = [.registerWide]
        let groups = site.groups
        let records = register.records
        var byID: [String: Int] = [:]
        for (i, record) in records.enumerated() { byID[record.id] = i }
        for record in records where record.sequence > manifest.sequence {
            if case .correction(let c) = record.original.event, let target = byID[c.target] {
                // A correction that moves an event to other subjects or another decision moves rows on timelines.
                let t = records[target]
                if Set(t.original.event.subjects) != Set(t.event.subjects) || t.original.event.authorisingDecision != t.event.authorisingDecision {
                    return .whole(reason: "a new correction moves \(c.target) to other subjects")
                }
            }
            for subject in groups.subjectsOfEvent[record.id] ?? [] { render.insert(.subject(subject)) }
            render.insert(.document(record.original.source.document))
        }
        let before = Set(manifest.held.compactMap(Subject.init(qualified:)))
        for subject in before.symmetricDifference(site.held) {
            render.insert(.subject(subject))
            for record in groups.bySubject(subject) {
                for other in groups.subjectsOfEvent[record.id] ?? [] { render.insert(.subject(other)) }
                render.insert(.document(record.original.source.document))
            }
        }
        for (subject, digest) in findings where manifest.findings[subject] != digest {
            if let s = Subject(qualified: subject) { render.insert(.subject(s)) }
        }
        return .incremental(render: render)
    }

    /// Whether the file at `path` is the one the manifest describes: unchanged since (the same
    /// `stat`), or else the same SHA-256.
    private func check(_ file: SiteManifest.File, at path: String) -> Bool {
        guard let now = SiteManifest.stat(path) else { return false }
        if now == file.stat { return true }
        guard let bytes = FileManager.default.contents(atPath: path) else { return false }
        return SHA256.hash(bytes).hex == file.sha256
    }
}
