/// The pieces the drafting rules' patterns are made of, written once.
enum Phrases {
    static let amount = "(?:" + AmountPhrase.pattern + ")"
    static let day = DatePhrase.dayPattern
    static let month = DatePhrase.monthPattern
    static let endOfYear = DatePhrase.endOfYearPattern
    /// A day or a month of a year.
    static let dayOrMonth = "(?:" + day + "|" + month + ")"
    /// A reserve's number: two to six digits, not a year.
    static let reserveNumber = #"(?!(?:19|20)\d\d\b)\d{2,6}\b"#
    /// `reserve`, `bestemmingsreserve`, with `de` before it or not.
    static let reserveWord = #"(?:de\s+)?(?:bestemmings)?reserve"#
    /// A zaaknummer or decision number: `2022-0177088`, `2403230`, `2019_GDD_B&W_00314`.
    static let decisionNumber = #"(?:\d{4}-\s?\d{4,8}|\d{7}|\d{4}(?:_[A-Za-z&]+)+_\d+)"#
    /// A name as documents capitalise it: `Dordrecht Sociaal`, `Stichting Welzijn Oost` (it may
    /// end in a joining word such as `en`; `ContractRules` trims those).
    static let properName = #"(?-i:[A-Z][\p{L}\d&+'-]*(?:[ \t]+(?:[A-Z0-9][\p{L}\d&+'-]*|van|de|der|den|het|voor|aan)){0,6})"#
    /// A heading at the start of a line, with Markdown emphasis or list marks around it.
    static let lineStart = #"(?m)^[ \t*#>_]*"#
    static let lineEnd = #"[ \t*_:]*$"#
}
