using System.Text.Json.Nodes;
using DataPrep.Pipeline;

namespace DataPrep.Cli.Commands;

/// <summary>Input records a command could not read, counted by file and reason, so the report names where they are.</summary>
internal sealed class UnreadRecords : IRejectionSink
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, SortedDictionary<string, long>> _byFile = new(StringComparer.Ordinal);

    public long Total { get; private set; }

    public void Reject(Rejection rejection)
    {
        lock (_lock)
        {
            var file = rejection.Source.Path.Length > 0 ? rejection.Source.Path : "(unknown file)";
            if (!_byFile.TryGetValue(file, out var reasons))
            {
                _byFile[file] = reasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
            }
            reasons[rejection.Reason.Code] = reasons.GetValueOrDefault(rejection.Reason.Code) + 1;
            Total++;
        }
    }

    /// <summary>One line per file: <c>docs.jsonl: 3 (input.malformed_json 2, input.missing_text 1)</c>.</summary>
    public IEnumerable<string> Lines()
    {
        lock (_lock)
        {
            return _byFile.Select(f => $"{f.Key}: {f.Value.Values.Sum()} ({string.Join(", ", f.Value.Select(r => $"{r.Key} {r.Value}"))})").ToList();
        }
    }

    /// <summary><c>{ "total": N, "files": [ { "file", "records", "reasons": { code: n } } ] }</c>.</summary>
    public JsonObject ToJson()
    {
        lock (_lock)
        {
            var files = new JsonArray();
            foreach (var (file, reasons) in _byFile)
            {
                var byReason = new JsonObject();
                foreach (var (code, count) in reasons)
                {
                    byReason[code] = count;
                }
                files.Add((JsonNode)new JsonObject { ["file"] = file, ["records"] = reasons.Values.Sum(), ["reasons"] = byReason });
            }
            return new JsonObject { ["total"] = Total, ["files"] = files };
        }
    }
}
