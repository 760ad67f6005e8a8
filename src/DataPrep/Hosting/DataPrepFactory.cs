using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Execution;
using DataPrep.Pipeline;
using Serilog;

namespace DataPrep.Hosting;

/// <summary>
/// DataPrep for dependency injection: builds stages and pipelines with the registered stages and logs to the
/// host's <see cref="ILoggerFactory"/>. Registered as a singleton by <see cref="ServiceCollectionExtensions.AddDataPrep"/>.
/// </summary>
public sealed class DataPrepFactory
{
    private readonly DataPrepOptions _options;
    private readonly Serilog.ILogger _log;

    /// <summary>Creates the factory (the container does this).</summary>
    public DataPrepFactory(DataPrepOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        Registry = StageRegistry.CreateDefault();
        if (PluginSupport.IsSupported)
        {
            foreach (var assembly in options.StageAssemblies)
            {
                Registry.AddAssembly(assembly);
            }
        }
        else if (options.StageAssemblies.Count > 0)
        {
            throw new NotSupportedException(
                "DataPrepOptions.StageAssemblies cannot be scanned in a native (AOT) build; register stages with StageRegistry.Add<TStage>() instead.");
        }
        _log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new MicrosoftLoggingSink(loggerFactory)).CreateLogger();
    }

    /// <summary>Every stage the factory can build.</summary>
    public StageRegistry Registry { get; }

    /// <summary>Builds one stage by config name with options given as YAML/JSON text (null: defaults), validated like a config file.</summary>
    /// <exception cref="PipelineConfigException">Unknown stage or invalid options (every problem listed).</exception>
    public IStage CreateStage(string name, string? optionsYamlOrJson = null)
    {
        var text = optionsYamlOrJson is null ? $"stages: [ {name} ]" : $"stages:\n  - {name}: {optionsYamlOrJson}";
        var config = PipelineConfig.Parse(text, $"stage {name}", registry: Registry);
        return PipelineDefinition.FromConfig(config, log: _log).Stages[0];
    }

    /// <summary>Loads a config file into a runnable pipeline that logs to the host.</summary>
    /// <exception cref="PipelineConfigException">The config is invalid (every problem listed).</exception>
    public PipelineDefinition LoadPipeline(string configPath) =>
        PipelineDefinition.FromConfig(PipelineConfig.Load(configPath, Registry), log: _log);

    /// <summary>Runs <paramref name="stages"/> over <paramref name="documents"/> (see <see cref="StreamingPipeline"/>), stopping promptly on cancellation.</summary>
    public async IAsyncEnumerable<Document> RunAsync(IAsyncEnumerable<Document> documents, IReadOnlyList<IStage> stages,
        IRejectionSink? rejections = null, IList<StageStats>? stats = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var document in StreamingPipeline.RunAsync(documents, stages, rejections, stats, _options.Execution, cancellationToken)
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return document;
        }
    }
}
