using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>Options of <see cref="C4QualityFilter"/>; defaults are C4's (Raffel et al. 2020, §2.2).</summary>
public sealed record C4QualityOptions : IValidatableOptions
{
    /// <summary>Lines must end in terminal punctuation (or a Korean sentence ending) to count. Default true (C4); FineWeb turns it off.</summary>
    [Description("Drop lines that do not end in terminal punctuation or a Korean sentence ending (다/요/까…). Default true (C4); FineWeb uses false.")]
    public bool FilterNoTerminalPunctuation { get; init; } = true;

    /// <summary>Lines with fewer words (eojeols) are dropped. Default 3 (C4).</summary>
    [Description("Minimum words (eojeols) per line. Default {default} (C4).")]
    public int MinWordsPerLine { get; init; } = 3;

    /// <summary>Minimum sentences in the lines that survive. Default 5 (C4).</summary>
    [Description("Minimum sentences in the surviving lines; fewer rejects the document. Default {default} (C4).")]
    public int MinSentences { get; init; } = 5;

    /// <summary>Minimum sentences for Korean documents. Default 3: Korean sentences chain clauses with
    /// connective endings (-고, -며, -는데) and carry about 1.5× the content per word, so they are fewer.</summary>
    [Description("Minimum sentences for Korean documents (by language metadata, else by script). Default {default}.")]
    public int MinSentencesKorean { get; init; } = 3;

    /// <summary>Drop lines mentioning javascript. Default true (C4).</summary>
    [Description("Drop lines that mention 'javascript'. Default true (C4).")]
    public bool FilterJavascript { get; init; } = true;

    /// <summary>Drop lines with a policy/boilerplate phrase. Default true (C4).</summary>
    [Description("Drop lines with policy phrases (terms of use, privacy policy, cookies; Korean 이용약관, 개인정보처리방침, 무단전재…). Default true (C4).")]
    public bool FilterPolicy { get; init; } = true;

    /// <summary>Reject documents containing "lorem ipsum". Default true (C4).</summary>
    [Description("Reject documents that contain 'lorem ipsum'. Default true (C4).")]
    public bool FilterLoremIpsum { get; init; } = true;

    /// <summary>Reject documents containing '{' (code). Default true (C4).</summary>
    [Description("Reject documents with a '{' in a surviving line (code). Default true (C4).")]
    public bool FilterCurlyBracket { get; init; } = true;

    /// <summary>Rewrite the text to the surviving lines, as C4 and datatrove do. Default false: filter only.</summary>
    [Description("Rewrite the text to the surviving lines (what C4/datatrove do). Default false: only keep or reject whole documents.")]
    public bool RemoveLines { get; init; }

    /// <summary>Ignore Wikipedia citation markers (<c>[1]</c>, <c>[edit]</c>, <c>[citation needed]</c>, <c>[편집]</c>) when judging a line, and remove them when rewriting. Default true (C4/datatrove).</summary>
    [Description("Ignore citation markers ([1], [edit], [citation needed], [편집], [출처 필요]) when checking a line's terminal punctuation, and remove them from kept lines when removeLines is on. Default true (C4/datatrove remove_citations).")]
    public bool RemoveCitations { get; init; } = true;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MinWordsPerLine < 0)
        {
            yield return new OptionProblem("minWordsPerLine", $"must be 0 or more (got {MinWordsPerLine}).");
        }
        if (MinSentences < 0)
        {
            yield return new OptionProblem("minSentences", $"must be 0 or more (got {MinSentences}).");
        }
    }
}
