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
        /// Each unit to render, with the first page of its list to render: 1 for all of it;
        /// later for a list that new events only extend (the pages before stay as they are);
        /// `Int.max` for a subject's own page alone (its findings changed).
        case incremental(render: [SiteUnit: Int])
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
        var render: [SiteUnit: Int]? = nil
        if case .incremental(let units) = plan, let previous {
            for files in previous.units.values { known.merge(files) { a, _ in a } }
            render = units
        }
        let files = try SiteFiles(folder: folder, known: known)
        for unit in site.units {
            let kept = previous?.units[unit.key]
            guard let render, let kept else {
                try site.render(unit) { try files.write($0, unit: unit.key) }
                continue
            }
            guard let first = render[unit] else {
                files.keep(kept, unit: unit.key)
                continue
            }
            // The pages of the list before `first` stay as the manifest has them.
            files.keep(kept.filter { SitePaths.listPageNumber($0.key, in: unit).map { $0 < first } ?? false }, unit: unit.key)
            try site.render(unit, from: first) { try files.write($0, unit: unit.key) }
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
        var render: [SiteUnit: Int] = [.registerWide: 1]
        func need(_ unit: SiteUnit, from first: Int) { render[unit] = min(render[unit] ?? first, first) }
        let groups = site.groups
        let records = register.records
        var byID: [String: Int] = [:]
        var oldCitations: [String: Int] = [:]
        var newBySubject: [Subject: [ResolvedRecord]] = [:]
        for (i, record) in records.enumerated() {
            byID[record.id] = i
            if record.sequence <= manifest.sequence { oldCitations[record.original.source.document, default: 0] += 1 }
        }
        var newDocuments: Set<String> = []
        for record in records where record.sequence > manifest.sequence {
            if case .correction(let c) = record.original.event, let target = byID[c.target] {
                // A correction that moves an event to other subjects or another decision moves rows on timelines.
                let t = records[target]
                if Set(t.original.event.subjects) != Set(t.event.subjects) || t.original.event.authorisingDecision != t.event.authorisingDecision {
                    return .whole(reason: "a new correction moves \(c.target) to other subjects")
                }
            }
            for subject in groups.subjectsOfEvent[record.id] ?? [] { newBySubject[subject, default: []].append(record) }
            newDocuments.insert(record.original.source.document)
        }
        // A subject's timeline that new events only extend (later in effect than every event on
        // it, no amendments) changes from the page before the first new row (its `next` link) on;
        // anything else can change every row's figures or marks.
        for (subject, new) in newBySubject {
            let old = groups.bySubject(subject).filter { $0.sequence <= manifest.sequence }
            let amends = new.contains { if case .correction = $0.original.event { return true }; if case .retraction = $0.original.event { return true }; return false }
            let latestOld = old.map(\.effectiveDate).max()
            let extends = !amends && latestOld.map { latest in new.allSatisfy { $0.effectiveDate >= latest } } ?? true
            need(.subject(subject), from: extends ? site.pagination.page(ofRow: max(0, old.count - 1)) : 1)
        }
        // A document's citing events only ever grow at the end.
        for document in newDocuments {
            need(.document(document), from: site.pagination.page(ofRow: max(0, (oldCitations[document] ?? 0) - 1)))
        }
        let before = Set(manifest.held.compactMap(Subject.init(qualified:)))
        for subject in before.symmetricDifference(site.held) {
            need(.subject(subject), from: 1)
            for record in groups.bySubject(subject) {
                for other in groups.subjectsOfEvent[record.id] ?? [] { need(.subject(other), from: 1) }
                need(.document(record.original.source.document), from: 1)
            }
        }
        for (subject, digest) in findings where manifest.findings[subject] != digest {
            if let s = Subject(qualified: subject) { need(.subject(s), from: Int.max) }
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
