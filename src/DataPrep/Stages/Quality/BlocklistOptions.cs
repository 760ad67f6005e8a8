using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>Options of <see cref="BlocklistFilter"/>.</summary>
public sealed record BlocklistOptions : IValidatableOptions
{
    /// <summary>Use the small built-in Korean and English lists (profanity, sexual spam, gambling spam). Default true.</summary>
    [Description("Use the small built-in Korean and English word lists (profanity, sexual and gambling spam). Default true.")]
    public bool UseDefaultLists { get; init; } = true;

    /// <summary>Extra entries, one word or phrase each.</summary>
    [Description("Extra blocked words or phrases. Latin entries match whole words, ignoring case; Hangul entries match inside eojeols (particles attach).")]
    public string[] Words { get; init; } = [];

    /// <summary>Files of entries, one per line (<c>#</c> starts a comment), resolved against the config folder.</summary>
    [Description("Files of blocked words or phrases, one per line ('#' comments), UTF-8.")]
    public string[] WordFiles { get; init; } = [];

    /// <summary>Reject a document with at least this many matches. Default 1 (C4's bad-words rule: any match).</summary>
    [Description("Reject documents with at least this many blocklist matches. Default {default} (C4 bad-words rule); 0 turns the count rule off.")]
    public int MinMatches { get; init; } = 1;

    /// <summary>Reject a document whose matches per word exceed this ratio. Default 1 (off).</summary>
    [Description("Reject documents whose blocklist matches per word exceed this ratio. Default {default} (off); data-juicer uses 0.045.")]
    public double MaxMatchRatio { get; init; } = 1;

    /// <summary>Blocked domains for the <c>url</c> metadata field; subdomains match too.</summary>
    [Description("Blocked domains, checked against the document's url metadata; subdomains match too (example.com blocks www.example.com).")]
    public string[] Domains { get; init; } = [];

    /// <summary>Files of blocked domains, one per line (UT1-style lists).</summary>
    [Description("Files of blocked domains, one per line ('#' comments), e.g. a UT1 category list.")]
    public string[] DomainFiles { get; init; } = [];

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MinMatches < 0)
        {
            yield return new OptionProblem("minMatches", $"must be 0 or more (got {MinMatches}).");
        }
        if (MaxMatchRatio is < 0 or > 1)
        {
            yield return new OptionProblem("maxMatchRatio", $"must be between 0 and 1 (got {MaxMatchRatio}).");
        }
    }
}
