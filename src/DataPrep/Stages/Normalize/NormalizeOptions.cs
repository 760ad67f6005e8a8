using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Normalize;

/// <summary>Options of <see cref="NormalizeStage"/>. Defaults: NFC, control characters removed, spaces collapsed, at most one blank line.</summary>
public sealed record NormalizeOptions : IValidatableOptions
{
    /// <summary>Compose to NFC (decomposed Hangul from macOS becomes precomposed). Default true. NFKC is deliberately not offered: it rewrites ㅋㅋ and ㅎㅏ.</summary>
    [Description("Compose text to Unicode NFC (never NFKC, which rewrites compatibility jamo such as ㅋㅋ).")]
    public bool Nfc { get; init; } = true;

    /// <summary>Remove C0/C1 control characters (except tab and newline), zero-width spaces and the BOM. Default true.</summary>
    [Description("Remove control characters (except newline and tab), zero-width characters and byte order marks.")]
    public bool RemoveControlCharacters { get; init; } = true;

    /// <summary>Turn every Unicode space into ASCII space, collapse runs of spaces and tabs, trim line ends. Default true.</summary>
    [Description("Map Unicode spaces to ' ', collapse runs of spaces/tabs, trim spaces at line ends; line breaks are kept.")]
    public bool CollapseSpaces { get; init; } = true;

    /// <summary>Longest run of consecutive line breaks kept (2 = one blank line between paragraphs). 0 keeps all. Default 2.</summary>
    [Description("Longest run of consecutive line breaks kept (2 keeps paragraph breaks as one blank line; 0 keeps all).")]
    public int MaxConsecutiveNewlines { get; init; } = 2;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MaxConsecutiveNewlines < 0)
        {
            yield return new OptionProblem("maxConsecutiveNewlines", $"must be 0 or more (got {MaxConsecutiveNewlines}).");
        }
    }
}
