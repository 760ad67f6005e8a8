using System.Runtime.CompilerServices;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Reports;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Tokenization;

/// <summary>
/// Passes every document through unchanged and, at the end of the shard, writes the Korean token-ratio report
/// (<see cref="TokenRatioReport"/>) over them: <c>PREFIX.json</c>, <c>PREFIX.html</c> and <c>PREFIX.txt</c> (the console
/// table). The same report as <c>dataprep tokens</c>, from inside a pipeline. Counter: <c>reports.written</c>.
/// </summary>
[Stage("TokenRatio", typeof(TokenRatioStageOptions), Family = 4,
    Description = "Writes the Korean token-ratio report (token shares, fertility, parallel KO/EN ratio) over the documents passing by.")]
public sealed class TokenRatioStage : IStage
{
    private readonly TokenRatioStageOptions _options;
    private readonly IReadOnlyList<ITextTokenizer> _tokenizers;
    private readonly string _prefix;

    /// <summary>Creates the stage; relative paths resolve against the current directory.</summary>
    public TokenRatioStage(TokenRatioStageOptions options)
        : this(options, StageBuildContext.Default)
    {
    }

    /// <summary>Creates the stage, resolving paths through <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">A tokenizer names no known encoding and no existing file.</exception>
    public TokenRatioStage(TokenRatioStageOptions options, StageBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _tokenizers = [.. options.Tokenizers.Select(spec => TokenizerFactory.GetSharedForOptions(spec, context.ResolvePath))];
        _prefix = context.ResolveOutputPath(options.OutputPrefix);
    }

    /// <inheritdoc />
    public string Id => "tokenize.token_ratio";

    /// <summary>Path prefix of the report files of <paramref name="shard"/>.</summary>
    public string PrefixFor(ShardSpec shard) => shard.WorldSize > 1 ? $"{_prefix}_rank-{shard.Rank:D5}" : _prefix;

    /// <inheritdoc />
    public async IAsyncEnumerable<Document> RunAsync(
        IAsyncEnumerable<Document> input,
        StageContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var report = new TokenRatioReport(new TokenRatioOptions { NormalizeNfc = _options.NormalizeNfc, ParallelField = _options.ParallelField });
        var session = report.Begin(_tokenizers);
        var batch = new List<Document>(_options.BatchSize);
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(document);
            if (batch.Count < _options.BatchSize)
            {
                continue;
            }
            using (context.Stats.Time())
            {
                session.Add(batch);
            }
            foreach (var counted in batch)
            {
                yield return counted;
            }
            batch.Clear();
        }
        using (context.Stats.Time())
        {
            session.Add(batch);
        }
        foreach (var counted in batch)
        {
            yield return counted;
        }
        var result = session.Complete();
        var prefix = PrefixFor(context.Shard);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(prefix))!);
        await WriteAtomicallyAsync(prefix + ".json", result.ToJson(), cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(prefix + ".html", result.ToHtml(), cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(prefix + ".txt", result.ToTable(), cancellationToken).ConfigureAwait(false);
        context.Stats.Increment("reports.written");
        foreach (var warning in result.Warnings)
        {
            context.Log.Warning("Token ratio report: {Warning}", warning);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temp = IO.TemporaryFiles.PathFor(path);
        await File.WriteAllTextAsync(temp, content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
