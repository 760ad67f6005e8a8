using System.Text.Json.Nodes;
using DataPrep.Configuration;
using DataPrep.IO;
using DataPrep.Text;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Mixing;

/// <summary>
/// A mix config file, bound and checked before any data is read: the <c>mix:</c> block (<see cref="MixOptions"/>) and
/// the <c>output:</c> block (<see cref="OutputOptions"/>). Every problem — an unknown option, a source path that matches
/// nothing, targets that do not sum to 1, an unknown language or source name — is reported together with its config path
/// (<c>mix.targets.kr</c>) and the nearest valid names, as a <see cref="PipelineConfigException"/>.
/// </summary>
internal sealed class MixConfig
{
    private static readonly string[] TopLevelKeys = ["mix", "output"];

    // Shares are read from decimal text: allow rounding, not a forgotten source.
    private const double SumTolerance = 1e-6;

    private MixConfig(string? source, MixOptions mix, OutputOptions output, IReadOnlyList<IReadOnlyList<InputFile>> files, string tokenizerSpec)
    {
        Source = source;
        Mix = mix;
        Output = output;
        SourceFiles = files;
        TokenizerSpec = tokenizerSpec;
    }

    /// <summary>The config file's path (or the name given to inline text).</summary>
    public string? Source { get; }

    /// <summary>The mix block.</summary>
    public MixOptions Mix { get; }

    /// <summary>The output block (<c>path</c> may be null for <c>mix plan</c>).</summary>
    public OutputOptions Output { get; private set; }

    /// <summary>The input files of each source (same order as <see cref="MixOptions.Sources"/>), sorted by path.</summary>
    public IReadOnlyList<IReadOnlyList<InputFile>> SourceFiles { get; }

    /// <summary>The tokenizer as <see cref="TokenizerFactory"/> takes it (an encoding name or a full path).</summary>
    public string TokenizerSpec { get; }

    /// <summary>Loads and checks a YAML or JSON mix config; relative source and tokenizer paths resolve against
    /// <paramref name="baseDirectory"/> (default: the current folder, as for <c>dataprep run</c>).</summary>
    /// <exception cref="PipelineConfigException">The file is missing or anything in it is invalid (every problem listed).</exception>
    public static MixConfig Load(string path, string? baseDirectory = null)
    {
        if (!File.Exists(path))
        {
            throw new PipelineConfigException(path, [new ConfigProblem("", $"config file '{path}' does not exist.")]);
        }
        return Parse(File.ReadAllText(path), path, baseDirectory ?? Directory.GetCurrentDirectory());
    }

    /// <summary>Parses and checks mix config text (YAML or JSON).</summary>
    /// <param name="text">The config.</param>
    /// <param name="sourceName">Name used in messages (the file path).</param>
    /// <param name="baseDirectory">Folder that relative source paths and tokenizer paths resolve against.</param>
    /// <exception cref="PipelineConfigException">Anything is invalid (every problem listed).</exception>
    public static MixConfig Parse(string text, string? sourceName, string baseDirectory)
    {
        var root = ConfigTree.Parse(text, sourceName);
        if (root is not JsonObject obj)
        {
            throw new PipelineConfigException(sourceName, [new ConfigProblem("", "a mix config is a mapping with 'mix' and 'output'.")]);
        }
        var problems = new List<ConfigProblem>();
        foreach (var (key, _) in obj)
        {
            if (!TopLevelKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(PipelineConfigException.UnknownArgument(key, key, TopLevelKeys));
            }
        }
        var output = (OutputOptions?)OptionsBinder.Bind(typeof(OutputOptions), Get(obj, "output"), "output", problems) ?? new OutputOptions();
        if (Get(obj, "mix") is not JsonObject mixNode)
        {
            problems.Add(PipelineConfigException.Missing("mix", "a 'mix' block with sources, targets and tokenBudget."));
            throw new PipelineConfigException(sourceName, problems);
        }
        var scalars = new JsonObject();
        foreach (var (key, value) in mixNode)
        {
            if (!key.Equals("sources", StringComparison.OrdinalIgnoreCase) && !key.Equals("targets", StringComparison.OrdinalIgnoreCase))
            {
                scalars[key] = value?.DeepClone();
            }
        }
        var mix = (MixOptions?)OptionsBinder.Bind(MixOptionsJsonContext.Default.MixOptions, scalars, "mix", problems);
        var sources = BindSources(Get(mixNode, "sources"), problems);
        var files = ResolveFiles(sources, baseDirectory, problems);
        // Other problems in the block must not hide what the target keys are checked against.
        var targetsBy = mix?.TargetsBy
            ?? (Get(scalars, "targetsBy") is JsonValue kind && kind.TryGetValue<string>(out var name) && name.Equals("source", StringComparison.OrdinalIgnoreCase)
                ? MixTargetKind.Source
                : MixTargetKind.Language);
        var targets = BindTargets(Get(mixNode, "targets"), targetsBy, sources, DeclaredNames(Get(mixNode, "sources")), problems);
        var tokenizer = mix is null ? "" : ResolveTokenizer(mix.Tokenizer, baseDirectory, problems);
        if (problems.Count > 0 || mix is null)
        {
            throw new PipelineConfigException(sourceName, problems);
        }
        return new MixConfig(sourceName, mix with { Sources = sources, Targets = targets }, output, files, tokenizer);
    }

    /// <summary>Replaces the output folder (what <c>--output</c> does).</summary>
    public MixConfig WithOutput(string? outputPath)
    {
        if (outputPath is not null)
        {
            Output = Output with { Path = outputPath };
        }
        return this;
    }

    private static List<MixSourceOptions> BindSources(JsonNode? node, List<ConfigProblem> problems)
    {
        var sources = new List<MixSourceOptions>();
        if (node is not JsonArray array || array.Count == 0)
        {
            problems.Add(PipelineConfigException.Missing("mix.sources",
                "a list of sources, e.g. '- { name: ko-wiki, path: ../shared/corpora/ko-wiki.jsonl.gz }'."));
            return sources;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"mix.sources[{i}]";
            if (OptionsBinder.Bind(MixOptionsJsonContext.Default.MixSourceOptions, array[i], path, problems) is not MixSourceOptions source)
            {
                continue;
            }
            if (!names.Add(source.Name))
            {
                problems.Add(PipelineConfigException.InvalidValue($"{path}.name", $"source name '{source.Name}' is used twice; names must be unique."));
            }
            if (source.Language != MixLanguages.Auto && !MixLanguages.IsKnown(source.Language))
            {
                problems.Add(PipelineConfigException.InvalidValue($"{path}.language",
                    $"unknown language '{source.Language}'. {DidYouMean(source.Language, [MixLanguages.Auto, .. MixLanguages.Known])}"));
            }
            sources.Add(source);
        }
        return sources;
    }

    private static List<IReadOnlyList<InputFile>> ResolveFiles(List<MixSourceOptions> sources, string baseDirectory, List<ConfigProblem> problems)
    {
        var files = new List<IReadOnlyList<InputFile>>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            try
            {
                files.Add(InputFiles.Expand(sources[i].Path, baseDirectory));
            }
            catch (FileNotFoundException e)
            {
                // Listing files reads no data: a source that matches nothing is a config error, found before anything runs.
                problems.Add(PipelineConfigException.InvalidValue($"mix.sources[{i}].path", $"{e.Message} (source '{sources[i].Name}')."));
                files.Add([]);
            }
        }
        return files;
    }

    // Names as written, also of sources whose other options failed to bind, so target keys are checked against all of them.
    private static List<string> DeclaredNames(JsonNode? sources) => sources is JsonArray array
        ? array.OfType<JsonObject>().Select(o => Get(o, "name")).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var name) ? name : null).OfType<string>().ToList()
        : [];

    private static Dictionary<string, double> BindTargets(JsonNode? node, MixTargetKind kind, List<MixSourceOptions> sources,
        List<string> declaredNames, List<ConfigProblem> problems)
    {
        var targets = new Dictionary<string, double>(StringComparer.Ordinal);
        var valid = kind == MixTargetKind.Language ? MixLanguages.Known.ToList() : declaredNames;
        var what = kind == MixTargetKind.Language ? "language" : "source";
        if (node is not JsonObject obj || obj.Count == 0)
        {
            problems.Add(PipelineConfigException.Missing("mix.targets",
                $"a mapping of {what} to its share of the mix's tokens, e.g. {{ {string.Join(", ", valid.Take(2).Select(v => v + ": 0.5"))} }}."));
            return targets;
        }
        var sum = 0.0;
        var allNumbers = true;
        foreach (var (key, value) in obj)
        {
            var path = $"mix.targets.{key}";
            if (!valid.Contains(key, StringComparer.Ordinal))
            {
                problems.Add(PipelineConfigException.InvalidValue(path, $"unknown {what} '{key}'. {DidYouMean(key, valid)}"));
            }
            if (value is not JsonValue v || !v.TryGetValue<double>(out var share) && !TryLong(v, out share))
            {
                problems.Add(PipelineConfigException.InvalidValue(path, "expected a share between 0 and 1 (a number)."));
                allNumbers = false;
                continue;
            }
            if (share is < 0 or > 1 || double.IsNaN(share))
            {
                problems.Add(PipelineConfigException.InvalidValue(path, $"a share is between 0 and 1 (got {share})."));
            }
            sum += share;
            targets[key] = share;
        }
        if (allNumbers && Math.Abs(sum - 1) > SumTolerance)
        {
            problems.Add(PipelineConfigException.InvalidValue("mix.targets",
                $"the shares sum to {sum:0.######}; they must sum to 1 ({string.Join(" + ", targets.Select(t => $"{t.Key} {t.Value}"))})."));
        }
        if (kind == MixTargetKind.Source)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                if (!obj.ContainsKey(sources[i].Name))
                {
                    problems.Add(PipelineConfigException.InvalidValue($"mix.sources[{i}].name",
                        $"source '{sources[i].Name}' has no share in mix.targets; give it one (0 leaves it out) or remove the source."));
                }
            }
        }
        else
        {
            for (var i = 0; i < sources.Count; i++)
            {
                var language = sources[i].Language;
                if (MixLanguages.IsKnown(language) && !obj.ContainsKey(language))
                {
                    problems.Add(PipelineConfigException.InvalidValue($"mix.sources[{i}].language",
                        $"source '{sources[i].Name}' is all '{language}', which has no share in mix.targets; add one or remove the source."));
                }
            }
        }
        return targets;
    }

    private static bool TryLong(JsonValue value, out double share)
    {
        var ok = value.TryGetValue<long>(out var whole);
        share = whole;
        return ok;
    }

    private static string ResolveTokenizer(string spec, string baseDirectory, List<ConfigProblem> problems)
    {
        if (TokenizerFactory.IsEncodingName(spec))
        {
            return spec.Trim().ToLowerInvariant();
        }
        var full = Path.GetFullPath(spec, baseDirectory);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            problems.Add(PipelineConfigException.InvalidValue("mix.tokenizer",
                $"'{spec}' is not a known encoding ({DidYouMean(spec, ["r50k_base", "gpt2", "cl100k_base", "o200k_base"])}) and no file or folder exists at '{full}'."));
        }
        return full;
    }

    private static string DidYouMean(string name, IReadOnlyList<string> candidates) =>
        $"Did you mean {string.Join(", ", NearestNames.Find(name, candidates).Select(n => $"'{n}'"))}? Valid: {string.Join(", ", candidates)}.";

    private static JsonNode? Get(JsonObject obj, string key) =>
        obj.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}
