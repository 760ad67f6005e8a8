using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace DataPrep.Hosting;

/// <summary>Forwards DataPrep's Serilog events to Microsoft.Extensions.Logging, so a hosted job sees them in its own logging.</summary>
internal sealed class MicrosoftLoggingSink : ILogEventSink
{
    private readonly ILoggerFactory _factory;

    /// <summary>Creates the sink over <paramref name="factory"/>.</summary>
    public MicrosoftLoggingSink(ILoggerFactory factory) => _factory = factory;

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        var category = logEvent.Properties.TryGetValue("Stage", out var stage) ? $"DataPrep.{stage.ToString().Trim('"')}" : "DataPrep";
        var logger = _factory.CreateLogger(category);
        var level = logEvent.Level switch
        {
            LogEventLevel.Verbose => LogLevel.Trace,
            LogEventLevel.Debug => LogLevel.Debug,
            LogEventLevel.Information => LogLevel.Information,
            LogEventLevel.Warning => LogLevel.Warning,
            LogEventLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
        if (logger.IsEnabled(level))
        {
            logger.Log(level, 0, logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), logEvent.Exception, static (message, _) => message);
        }
    }
}
