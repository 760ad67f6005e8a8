using DataPrep.Text;
namespace DataPrep.Configuration;

/// <summary>
/// A config or usage error, found before any data is read. Carries every problem with its config
/// path; the CLI prints <see cref="Exception.Message"/> without a stack trace and exits with 2.
/// </summary>
public sealed class PipelineConfigException : Exception
{
    /// <summary>Creates the exception from one or more problems.</summary>
    public PipelineConfigException(string? source, IReadOnlyList<ConfigProblem> problems)
        : base(Format(source, problems))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>The config file (or other origin) the problems are in.</summary>
    public new string? Source { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>An unknown stage name, with the nearest registered names.</summary>
    internal static ConfigProblem UnknownStage(string path, string name, IEnumerable<string> candidates) =>
        new(path, $"unknown stage '{name}'. {DidYouMean(name, candidates)}");

    /// <summary>An unknown option of a stage (or of input/output), with the nearest valid names.</summary>
    internal static ConfigProblem UnknownArgument(string path, string name, IEnumerable<string> candidates) =>
        new(path, $"unknown option '{name}'. {DidYouMean(name, candidates)}");

    /// <summary>A value that does not convert to the option's type or is out of range.</summary>
    internal static ConfigProblem InvalidValue(string path, string message) => new(path, message);

    /// <summary>A required value that is missing.</summary>
    internal static ConfigProblem Missing(string path, string what) => new(path, $"missing: {what}");

    private static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        if (list.Count == 0)
        {
            return "There are no options here.";
        }
        var nearest = NearestNames.Find(name, list);
        return $"Did you mean {string.Join(", ", nearest.Select(n => $"'{n}'"))}? Valid: {string.Join(", ", list.Order(StringComparer.Ordinal))}.";
    }

    private static string Format(string? source, IReadOnlyList<ConfigProblem> problems)
    {
        var header = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        var where = source is null ? "the pipeline configuration" : source;
        return $"Invalid configuration in {where} ({header}):" + Environment.NewLine +
            string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
    }
}
