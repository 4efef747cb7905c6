import EventStore

extension Audit {
    /// The second time axis: events recorded out of order or in the future, and amendments of
    /// events that are not in the register. Judged over every record, whatever its effective date.
    static func recording(_ c: Context, now: RecordedInstant?, _ f: inout FindingList) {
        let inSequence = c.records.sorted { $0.sequence < $1.sequence }
        for (previous, record) in zip(inSequence, inSequence.dropFirst()) where record.original.recordedAt < previous.original.recordedAt {
            f.add(.recordedOutOfOrder, about: record, subject: nil,
                  "event \(record.sequence) (\(f.key(record))) was recorded at \(record.original.recordedAt), before event \(previous.sequence) (\(previous.original.recordedAt))",
                  [previous, record])
        }
        secondSpellings(inSequence, &f)
        sourcesRecordedTwice(inSequence, &f)
        if let now {
            for record in inSequence where record.original.recordedAt > now {
                f.add(.recordedInFuture, about: record, subject: nil,
                      "event \(record.sequence) (\(f.key(record))) says it was recorded at \(record.original.recordedAt), after now (\(now)): a clock was wrong or the instant was forged")
            }
        }
        var firstRetraction: [String: ResolvedRecord] = [:]
        for record in inSequence {
            if case .retraction(let t, _) = record.original.event, firstRetraction[t] == nil { firstRetraction[t] = record }
        }
        for record in inSequence {
            if let why = record.voidBecause, record.counts {
                f.add(.correctionWithoutEffect, about: record, subject: nil, "correction \(f.key(record)) has no effect: \(why)")
            }
            let target: String
            switch record.original.event {
            case .correction(let correction): target = correction.target
            case .retraction(let t, _): target = t
            default: continue
            }
            guard let amended = c.byID[target] else {
                f.add(.amendmentTargetMissing, about: record, subject: nil,
                      "\(record.original.type.rawValue) \(f.key(record)) names event \(target), which is not among the events this register reads (it is missing, or an event this register cannot read)")
                continue
            }
            // What append refuses but files from elsewhere can hold; none of these has any effect.
            let what = "\(record.original.type.rawValue) \(f.key(record))"
            if amended.sequence >= record.sequence {
                f.add(.amendmentOutOfOrder, about: record, subject: nil, amended.sequence == record.sequence
                      ? "\(what) names itself; it has no effect"
                      : "\(what) (event \(record.sequence)) names event \(amended.sequence) (\(target)), recorded after it; it has no effect (a correction cycle is one case of this)",
                      [record, amended])
            } else if case .retraction = amended.original.event {
                f.add(.amendmentOfRetraction, about: record, subject: nil,
                      "\(what) names retraction \(target); a retraction cannot be corrected or retracted, so it has no effect",
                      [record, amended])
            } else if case .retraction = record.original.event, let first = firstRetraction[target], first.id != record.id {
                f.add(.retractedTwice, about: record, subject: nil,
                      "retraction \(f.key(record)) retracts event \(target) again; \(f.key(first)) (event \(first.sequence)) already retracted it",
                      [first, record])
            }
        }
        orphans(inSequence, &f)
    }

    /// Events that count about a reserve or contract whose creation was retracted (from files
    /// that did not come through append, which refuses that retraction).
    private static func orphans(_ inSequence: [ResolvedRecord], _ f: inout FindingList) {
        var created: Set<Subject> = [], uncreated: [Subject: ResolvedRecord] = [:]
        for record in inSequence {
            switch record.original.event {
            case .reserveEstablished(let r, _, _, _): if record.counts { created.insert(.reserve(r)) } else { uncreated[.reserve(r)] = record }
            case .contractAwarded(let a): if record.counts { created.insert(.contract(a.contract)) } else { uncreated[.contract(a.contract)] = record }
            default: break
            }
        }
        for record in inSequence where record.counts {
            for subject in record.event.subjects where !created.contains(subject) {
                guard let retracted = uncreated[subject], retracted.id != record.id else { continue }
                f.add(.orphanedByRetraction, about: record, subject: subject,
                      "event \(record.sequence) (\(f.key(record))) counts for \(subject), whose creation \(f.key(retracted)) is retracted",
                      [retracted, record])
            }
        }
    }

    /// Events the register already held on the audit date (recorded on or before it, by the UTC
    /// date of the recording) that take effect after it: every other rule judges only what is
    /// effective by the audit date, so these are listed, not judged. Amendments are left out:
    /// they act on their targets' dates.
    static func scheduled(_ c: Context, _ f: inout FindingList) {
        for record in c.ordered.dropFirst(c.effective.count) where record.original.recordedAt.utcDate <= c.date {
            switch record.event {
            case .correction, .retraction: continue
            default: break
            }
            f.add(.scheduled, about: record, subject: record.event.subject,
                  "\(record.original.type.rawValue) \(f.key(record)) takes effect on \(record.effectiveDate), after \(c.date): \(EventSummary.describe(record.event))")
        }
    }

    /// Names spelt a second way (`0404` beside `404`, `taskforce jeugd` beside `Taskforce Jeugd`:
    /// one identity, `IdentifierRules.identity`): append refuses them, but a file from elsewhere may
    /// hold one, and the answers then count two subjects or projects. A reallocation may respell a
    /// project; its spelling counts from then.
    /// A second `source-document` for a document an earlier one recorded (append refuses it):
    /// only the first counts (`SourceCatalog`), and a second hash would contradict it.
    static func sourcesRecordedTwice(_ inSequence: [ResolvedRecord], _ f: inout FindingList) {
        var first: [String: (record: ResolvedRecord, document: SourceDocument)] = [:]
        for record in inSequence where record.counts {
            guard case .sourceDocument(let d) = record.event else { continue }
            guard let earlier = first[d.document] else {
                first[d.document] = (record, d)
                continue
            }
            let hash = d.sha256 == earlier.document.sha256 ? "" : ", with another SHA-256 (\(d.sha256) against \(earlier.document.sha256))"
            f.add(.createdTwice, about: record, subject: nil,
                  "source-document \(f.key(record)) records document \(d.document) again, after \(f.key(earlier.record))\(hash); only the first counts",
                  [earlier.record, record])
        }
    }

    static func secondSpellings(_ inSequence: [ResolvedRecord], _ f: inout FindingList) {
        var spelled: [String: (name: String, record: ResolvedRecord)] = [:]
        // An identity costs a normalisation; a history repeats few spellings many times.
        var identities: [DomainPolicy.NameKind: [String: String]] = [:]
        func identity(_ introduced: DomainPolicy.IntroducedName) -> String {
            if let known = identities[introduced.kind]?[introduced.name] { return known }
            let key = DomainPolicy.nameKey(introduced)
            identities[introduced.kind, default: [:]][introduced.name] = key
            return key
        }
        for record in inSequence where record.counts {
            var respelled: [String] = []
            var learned: [String: String] = [:] // judged against earlier records only, then kept
            for introduced in DomainPolicy.names(introducedBy: record.event) {
                let key = identity(introduced)
                guard let first = spelled[key] else { if learned[key] == nil { learned[key] = introduced.name }; continue }
                guard first.name != introduced.name else { continue }
                if case .reallocation = record.event { learned[key] = introduced.name; continue }
                respelled.append("\(introduced.kind.description) '\(introduced.name)' as '\(first.name)' is spelt (\(f.key(first.record)))")
            }
            for (key, name) in learned { spelled[key] = (name, record) }
            if !respelled.isEmpty {
                f.add(.nameSpelledTwice, about: record, subject: nil,
                      "\(record.original.type.rawValue) \(f.key(record)) spells " + respelled.joined(separator: ", ") + " another way; the answers count them apart")
            }
        }
    }
}
