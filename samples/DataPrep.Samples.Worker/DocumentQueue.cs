using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using DataPrep.Documents;

namespace DataPrep.Samples.Worker;

/// <summary>A stand-in for a message queue: a bounded channel that a producer fills with documents from a JSONL file.</summary>
public sealed class DocumentQueue
{
    private readonly Channel<Document> _channel = Channel.CreateBounded<Document>(64);

    /// <summary>Reads <paramref name="path"/> line by line into the queue, then completes it.</summary>
    public async Task FillFromJsonlAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var document = new Document(root.GetProperty("id").GetString()!, root.GetProperty("text").GetString()!);
                await _channel.Writer.WriteAsync(document, cancellationToken);
            }
        }
        finally
        {
            _channel.Writer.TryComplete();
        }
    }

    /// <summary>The documents, as they arrive.</summary>
    public async IAsyncEnumerable<Document> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in _channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return document;
        }
    }
}
