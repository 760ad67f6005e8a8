using System.Runtime.CompilerServices;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// Counts the documents entering and leaving a stage that is not a <see cref="DocumentStage"/> (stateful and
/// corpus-wide stages), so every stage reports docs and bytes in and out and a stage that drops a document
/// without rejecting it shows up as stats that do not reconcile. Wraps the stage's exceptions once with its id.
/// </summary>
internal static class StreamCounting
{
    /// <summary>Counts documents passing a point of the stream into <paramref name="docsKey"/> and <paramref name="bytesKey"/>.</summary>
    public static async IAsyncEnumerable<Document> Counted(IAsyncEnumerable<Document> source, StageStats stats, string docsKey, string bytesKey,
        string? stageId = null, ShardSpec shard = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (stageId is not null && e is not OperationCanceledException and not StageFailedException
                and not InputErrorException and not PipelineConfigException)
            {
                throw new StageFailedException(stageId, null, shard.ToString(), e);
            }
            if (!more)
            {
                yield break;
            }
            var document = enumerator.Current;
            stats.Increment(docsKey);
            stats.Increment(bytesKey, document.Utf8Length);
            yield return document;
        }
    }

}
