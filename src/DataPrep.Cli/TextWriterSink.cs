using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace DataPrep.Cli;

/// <summary>Writes log events to a TextWriter (stderr, or a test's string writer).</summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly object _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
