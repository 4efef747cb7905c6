/// The register's language for a site page: texts that come from the domain (event summaries,
/// finding messages, severities, a timeline's changes) are translated through the one catalogue
/// the command line uses, so the site and `register timeline` or `register audit` say the same.
extension SiteTexts {
    var speech: Language { language == .nl ? .nl : .en }
}
