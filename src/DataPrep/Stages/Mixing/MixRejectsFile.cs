using DataPrep.IO;
using DataPrep.IO.Writers;
using DataPrep.Stats;

namespace DataPrep.Stages.Mixing;

/// <summary>The shard's <c>rejected/</c> file for unreadable input records: created on the first one (a clean input
/// leaves no empty file) and fed from every worker thread under a lock (the writer itself is single-threaded).</summary>
internal sealed class MixRejectsFile(string folder, string stem, OutputOptions options) : IRejectionSink, IDisposable
{
    private readonly Lock _lock = new();
    private RejectsWriter? _writer;

    public void Reject(Rejection rejection)
    {
        lock (_lock)
        {
            _writer ??= new RejectsWriter(folder, stem, options.Compression, options.CompressionLevel, options.RejectedText);
            _writer.Reject(rejection);
        }
    }

    public void Complete()
    {
        lock (_lock)
        {
            _writer?.Complete();
        }
    }

    public void Dispose() => _writer?.Dispose();
}
