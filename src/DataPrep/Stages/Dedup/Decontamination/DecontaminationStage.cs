using System.Text;
using System.Text.Json;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.Decontamination;

/// <summary>
/// Removes benchmark contamination: a document sharing an n-gram (13 words by default) with any text
/// of the configured benchmark files is rejected as <c>dedup.decontaminate.benchmark_overlap</c>
/// (<see cref="DecontaminationMode.Remove"/>), or has the matching spans cut out
/// (<see cref="DecontaminationMode.Cut"/>). Counts documents per benchmark file
/// (<c>benchmark.&lt;file&gt;.docs</c>).
/// </summary>
/// <remarks>
/// The 13-gram overlap test of GPT-3 (Brown et al. 2020, App. C) and NeMo Curator's TaskDecontamination;
/// datatrove uses 12-grams. n-grams never cross field, cell or line boundaries of the benchmark files.
/// Words are runs of letters/digits, lower-cased, so punctuation and case do not hide a copy. For Korean,
/// whose spacing varies, <c>unit: chars</c> with <c>ngramSize: 20</c> (syllables, spacing ignored) is the
/// better test. The index holds one 64-bit hash per benchmark n-gram; the stage is per-document and
/// thread-safe once built.
/// </remarks>
[Stage("Decontaminate", typeof(DecontaminationOptions), Family = 2,
    Description = "Removes documents (or cuts spans) sharing an n-gram with user-supplied benchmark files; counts per benchmark.")]
public sealed class DecontaminationStage : DocumentStage
{
    /// <summary>The document shares at least one n-gram with a benchmark file (remove mode).</summary>
    public static readonly RejectionReason BenchmarkOverlap = new(
        "dedup.decontaminate.benchmark_overlap", "Shares an n-gram with a benchmark file named in the detail.");

    /// <summary>Too little text was left after cutting the benchmark spans (cut mode).</summary>
    public static readonly RejectionReason TooShortAfterCut = new(
        "dedup.decontaminate.too_short_after_cut", "Fewer than minDocChars non-whitespace characters left after cutting benchmark n-grams.");

    private readonly DecontaminationOptions _options;
    private readonly Dictionary<ulong, int> _index = [];
    private readonly string[] _names;

    /// <summary>Builds the n-gram index of every benchmark file.</summary>
    /// <exception cref="ArgumentException">No benchmark file is named.</exception>
    /// <exception cref="FileNotFoundException">A benchmark file does not exist.</exception>
    public DecontaminationStage(DecontaminationOptions options, StageBuildContext build)
    {
        if (options.Benchmarks.Count == 0)
        {
            throw new ArgumentException(
                "Decontaminate needs at least one benchmark file: set benchmarks: [path/to/test.jsonl, ...].", nameof(options));
        }
        _options = options;
        _names = new string[options.Benchmarks.Count];
        var tokens = new NgramTokens();
        for (var file = 0; file < options.Benchmarks.Count; file++)
        {
            var path = build.ResolvePath(options.Benchmarks[file]);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"Decontaminate: benchmark file '{options.Benchmarks[file]}' (resolved to '{path}') does not exist.", path);
            }
            _names[file] = StatName(path);
            long ngrams = 0;
            foreach (var text in ReadTexts(path, options.Fields))
            {
                tokens.Tokenize(text, options.Unit);
                for (var i = 0; i + options.NgramSize <= tokens.Count; i++)
                {
                    _index.TryAdd(tokens.Ngram(i, options.NgramSize), file);
                    ngrams++;
                }
            }
            build.Log.Information("Decontaminate indexed {Ngrams} n-grams of {Benchmark}", ngrams, _names[file]);
        }
    }

    /// <summary>Creates the stage resolving relative paths against the current directory.</summary>
    public DecontaminationStage(DecontaminationOptions options)
        : this(options, StageBuildContext.Default)
    {
    }

    /// <inheritdoc />
    public override string Id => "dedup.decontaminate";

    /// <summary>Distinct benchmark n-grams indexed.</summary>
    public int IndexedNgrams => _index.Count;

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageContext context)
    {
        var stats = context.Stats;
        var text = document.Text;
        var tokens = new NgramTokens();
        tokens.Tokenize(text, _options.Unit);
        var n = _options.NgramSize;
        var firstFile = -1;
        var matches = 0;
        Span<bool> files = _names.Length <= 256 ? stackalloc bool[_names.Length] : new bool[_names.Length];
        List<(int Start, int End)>? spans = null;
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            if (!_index.TryGetValue(tokens.Ngram(i, n), out var file))
            {
                continue;
            }
            matches++;
            files[file] = true;
            if (firstFile < 0)
            {
                firstFile = file;
            }
            if (_options.Mode == DecontaminationMode.Cut)
            {
                spans ??= [];
                var span = (tokens.Span(i).Start, tokens.Span(i + n - 1).End);
                if (spans.Count > 0 && span.Start <= spans[^1].End)
                {
                    spans[^1] = (spans[^1].Start, Math.Max(spans[^1].End, span.End));
                }
                else
                {
                    spans.Add(span);
                }
            }
        }
        if (matches == 0)
        {
            return Verdict.Keep;
        }
        for (var file = 0; file < files.Length; file++)
        {
            if (files[file])
            {
                stats.Increment($"benchmark.{_names[file]}.docs");
            }
        }
        stats.Increment("ngrams.matched", matches);
        stats.Increment("docs.contaminated");
        var detail = $"benchmark={_names[firstFile]} ngrams={matches}";
        if (_options.Mode == DecontaminationMode.Remove)
        {
            return Verdict.Reject(BenchmarkOverlap, detail);
        }
        var builder = new StringBuilder(text.Length);
        var position = 0;
        var cut = 0;
        foreach (var (start, end) in spans!)
        {
            builder.Append(text.AsSpan(position, start - position));
            cut += end - start;
            position = end;
        }
        builder.Append(text.AsSpan(position));
        stats.Increment("chars.cut", cut);
        var newText = builder.ToString();
        var left = 0;
        foreach (var c in newText)
        {
            if (!char.IsWhiteSpace(c))
            {
                left++;
            }
        }
        if (left < _options.MinDocChars)
        {
            return Verdict.Reject(TooShortAfterCut, $"{detail} chars={left}<{_options.MinDocChars}");
        }
        document.Text = newText;
        return Verdict.Keep;
    }

    /// <summary><c>kobest_boolq_test</c> from <c>.../KoBEST_BoolQ-test.tsv.gz</c>: lower case, [a-z0-9_] only.</summary>
    private static string StatName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var extension in new[] { ".gz", ".zst", ".zstd", ".jsonl", ".json", ".tsv", ".txt", ".csv" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^extension.Length];
            }
        }
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_');
        }
        return builder.ToString();
    }

    private static IEnumerable<string> ReadTexts(string path, IReadOnlyList<string> fields)
    {
        // Opened like every input file: gzip through the active engine, zstd, or plain by extension.
        using var reader = new StreamReader(CompressedStreams.OpenRead(path), Encoding.UTF8);
        var plain = WithoutCompressionExtension(path);
        var kind = Path.GetExtension(plain).ToLowerInvariant();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (kind is ".jsonl" or ".json")
            {
                JsonDocument json;
                try
                {
                    json = JsonDocument.Parse(line);
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"Decontaminate: benchmark file '{path}' line {lineNumber} is not JSON ({e.Message}).", e);
                }
                using (json)
                {
                    foreach (var value in Strings(json.RootElement, fields))
                    {
                        yield return value;
                    }
                }
            }
            else if (kind == ".tsv")
            {
                foreach (var cell in line.Split('\t'))
                {
                    yield return cell;
                }
            }
            else
            {
                yield return line;
            }
        }
    }

    private static string WithoutCompressionExtension(string path)
    {
        foreach (var extension in new[] { ".gz", ".zst", ".zstd" })
        {
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return path[..^extension.Length];
            }
        }
        return path;
    }

    private static IEnumerable<string> Strings(JsonElement element, IReadOnlyList<string> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var value in Strings(item, []))
                    {
                        yield return value;
                    }
                }
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (fields.Count == 0 || fields.Contains(property.Name))
                    {
                        foreach (var value in Strings(property.Value, []))
                        {
                            yield return value;
                        }
                    }
                }
                break;
        }
    }
}
