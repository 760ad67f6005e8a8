using Serilog;
using Serilog.Core;

namespace DataPrep.Pipeline;

/// <summary>What a stage constructor may need besides its options: where relative paths resolve and a logger.</summary>
/// <param name="BaseDirectory">Folder that relative paths in options (word lists, tokenizer files) resolve against: the current directory.</param>
/// <param name="ConfigDirectory">Folder of the config file, when the pipeline came from one.</param>
/// <param name="Log">Logger for construction-time messages.</param>
/// <param name="OutputDirectory">The run's output folder, when known: stages that write files of their own (token datasets,
/// reports) put relative paths there, so <c>--output</c> moves everything a run writes.</param>
public sealed record StageBuildContext(string BaseDirectory, string? ConfigDirectory, ILogger Log, string? OutputDirectory = null)
{
    /// <summary>Resolves a path a stage writes to: absolute as is; otherwise inside the run's output folder
    /// (or the base directory when the stage runs outside a pipeline with an output folder).</summary>
    public string ResolveOutputPath(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(path, OutputDirectory ?? BaseDirectory);

    /// <summary>A context resolving against the current directory, logging nowhere.</summary>
    public static StageBuildContext Default => new(Directory.GetCurrentDirectory(), null, Logger.None);

    /// <summary>Resolves a path from options: absolute as is; otherwise against the base directory,
    /// falling back to the config directory when only that has the file.</summary>
    public string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        var fromBase = Path.GetFullPath(path, BaseDirectory);
        if (ConfigDirectory is not null && !File.Exists(fromBase) && !Directory.Exists(fromBase))
        {
            var fromConfig = Path.GetFullPath(path, ConfigDirectory);
            if (File.Exists(fromConfig) || Directory.Exists(fromConfig))
            {
                return fromConfig;
            }
        }
        return fromBase;
    }
}
