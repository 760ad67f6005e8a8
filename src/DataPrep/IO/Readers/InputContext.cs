using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.IO.Readers;

/// <summary>What a reader needs: the input options and where to report records that cannot become documents.</summary>
internal sealed class InputContext
{
    /// <summary>Creates a context over the <c>input</c> stage's statistics and rejection sink.</summary>
    public InputContext(InputOptions options, StageContext stage, bool strict = false)
    {
        Options = options;
        Stage = stage;
        Strict = strict;
        _logged = new(StringComparer.Ordinal);
    }

    private InputContext(InputContext other, IRejectionSink rejections)
    {
        Options = other.Options;
        Stage = other.Stage.WithRejections(rejections);
        Strict = other.Strict;
        // One count of logged problems for the whole input, whichever batch reports them.
        _logged = other._logged;
    }

    /// <summary>The same context reporting bad records to <paramref name="rejections"/> (a batch's buffer): the counts
    /// and the limit on logged problems stay shared.</summary>
    public InputContext WithRejections(IRejectionSink rejections) => new(this, rejections);

    /// <summary>When true the first bad record stops the run (<see cref="IO.InputErrorException"/>).</summary>
    public bool Strict { get; }

    private const int LoggedPerReason = 5;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _logged;

    /// <summary>The input options.</summary>
    public InputOptions Options { get; }

    /// <summary><see cref="InputOptions.TextField"/> as UTF-8, for comparing with property names without decoding them.</summary>
    internal byte[] TextFieldUtf8 => _textFieldUtf8 ??= System.Text.Encoding.UTF8.GetBytes(Options.TextField);

    /// <summary><see cref="InputOptions.IdField"/> as UTF-8.</summary>
    internal byte[] IdFieldUtf8 => _idFieldUtf8 ??= System.Text.Encoding.UTF8.GetBytes(Options.IdField);

    private byte[]? _textFieldUtf8;
    private byte[]? _idFieldUtf8;

    /// <summary>The <c>input</c> pseudo-stage: its stats count records read and problems by reason.</summary>
    public StageContext Stage { get; }

    /// <summary>Counts a document read successfully.</summary>
    public void CountDocument(Document document)
    {
        Stage.Stats.Increment(StageStats.DocsIn);
        Stage.Stats.Increment(StageStats.DocsOut);
    }

    /// <summary>Records an input problem (counted as a record read and rejected, reported with file and record).</summary>
    /// <param name="reason">One of <see cref="InputReasons"/>.</param>
    /// <param name="file">The file.</param>
    /// <param name="record">Line or row number (0 for the whole file).</param>
    /// <param name="detail">What was found (an error position, a length) — never the record's text.</param>
    /// <exception cref="IO.InputErrorException">In strict mode.</exception>
    public void ReportBadRecord(RejectionReason reason, InputFile file, long record, string? detail) =>
        ReportBadRecord(reason, file, record, detail, documentId: null);

    /// <summary>Records an input problem of a record that parsed but cannot be a document (no text, or text that is
    /// not a string): the rejection keeps the record's own id, and its position stays in <c>source</c>.</summary>
    /// <param name="reason">One of <see cref="InputReasons"/>.</param>
    /// <param name="file">The file.</param>
    /// <param name="record">Line or row number.</param>
    /// <param name="detail">What was found — never the record's text.</param>
    /// <param name="documentId">The record's id field; null when it has none, and <c>file:line</c> is used.</param>
    /// <exception cref="IO.InputErrorException">In strict mode.</exception>
    public void ReportBadRecord(RejectionReason reason, InputFile file, long record, string? detail, string? documentId)
    {
        var source = new DocumentSource(file.DisplayPath, file.Ordinal, record);
        if (Strict)
        {
            throw new IO.InputErrorException($"Bad input at {source}: {reason.Code} ({detail}). Run without --strict to count bad records and go on.");
        }
        Stage.Stats.Increment(StageStats.DocsIn);
        Stage.Stats.Increment(StageStats.DocsRejected);
        Stage.Stats.Increment(StageStats.RejectedPrefix + reason.Code);
        Stage.Rejections.Reject(new Rejection(InputReasons.StageId, reason, documentId ?? source.ToString(), source, detail));
        // The first few problems of each kind are logged; all of them are in rejected/ and the stats.
        var seen = _logged.AddOrUpdate(reason.Code, 1, static (_, n) => n + 1);
        if (seen <= LoggedPerReason)
        {
            Stage.Log.Warning("Bad input {Reason} at {File}:{Record}: {Detail}", reason.Code, file.DisplayPath, record, detail);
        }
        else if (seen == LoggedPerReason + 1)
        {
            Stage.Log.Warning("More {Reason} problems follow; they are counted in stats and listed in rejected/, not logged", reason.Code);
        }
    }
}
