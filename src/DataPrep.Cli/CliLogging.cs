using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace DataPrep.Cli;

/// <summary>Serilog set-up of the CLI: human-readable lines on stderr, optionally a file (plain or compact JSON).</summary>
internal static class CliLogging
{
    public static Serilog.Core.Logger Create(TextWriter error, LogEventLevel level, string? logFile, bool json)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new TextWriterSink(error, new MessageTemplateTextFormatter(
                "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}", System.Globalization.CultureInfo.InvariantCulture)));
        if (logFile is not null)
        {
            configuration = json
                ? configuration.WriteTo.File(new CompactJsonFormatter(), logFile)
                : configuration.WriteTo.File(logFile, outputTemplate: "{Timestamp:O} [{Level:u3}] {Message:lj} {Properties}{NewLine}{Exception}");
        }
        return configuration.CreateLogger();
    }

    /// <summary>Makes <paramref name="logger"/> Serilog's global logger until disposed: the library reports process-wide
    /// events (the gzip engine falling back to zlib) through it, with no run logger at hand.</summary>
    public static IDisposable UseAsGlobal(Serilog.ILogger logger)
    {
        var previous = Serilog.Log.Logger;
        Serilog.Log.Logger = logger;
        return new Restore(previous);
    }

    private sealed class Restore(Serilog.ILogger previous) : IDisposable
    {
        public void Dispose() => Serilog.Log.Logger = previous;
    }
}
