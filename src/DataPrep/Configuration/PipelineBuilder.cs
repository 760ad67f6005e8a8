using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;
using Serilog;

namespace DataPrep.Configuration;

/// <summary>Composes a pipeline in code: the same stages and options a config file names.</summary>
/// <example>
/// <code>
/// var pipeline = new PipelineBuilder()
///     .ReadFrom(new InputOptions { Path = ["data/*.jsonl.gz"] })
///     .Add(new NormalizeStage(new NormalizeOptions()))
///     .WriteTo(new OutputOptions { Path = "out/" })
///     .Build();
/// var stats = await pipeline.RunAsync();
/// </code>
/// </example>
public sealed class PipelineBuilder
{
    private readonly List<IStage> _stages = [];
    private InputOptions _input = new();
    private OutputOptions _output = new();
    private ExecutionOptions _execution = new();
    private ILogger? _log;

    /// <summary>Sets the input.</summary>
    public PipelineBuilder ReadFrom(InputOptions input)
    {
        _input = input;
        return this;
    }

    /// <summary>Appends a stage.</summary>
    public PipelineBuilder Add(IStage stage)
    {
        _stages.Add(stage);
        return this;
    }

    /// <summary>Sets the output.</summary>
    public PipelineBuilder WriteTo(OutputOptions output)
    {
        _output = output;
        return this;
    }

    /// <summary>Sets execution options (threads, batch sizes, strict input).</summary>
    public PipelineBuilder WithExecution(ExecutionOptions execution)
    {
        _execution = execution;
        return this;
    }

    /// <summary>Sets the logger (silent by default).</summary>
    public PipelineBuilder WithLogger(ILogger log)
    {
        _log = log;
        return this;
    }

    /// <summary>Builds the pipeline.</summary>
    public PipelineDefinition Build() => new(_input, _stages.ToList(), _output, _execution, _log);
}
