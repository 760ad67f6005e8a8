using Serilog;
using Serilog.Core;

namespace DataPrep.Pipeline;

/// <summary>What a stage constructor may need besides its options: where relative paths resolve and a logger.</summary>
/// <param name="BaseDirectory">Folder that relative paths in options (word lists, tokenizer files) resolve against: the current directory.</param>
/// <param name="ConfigDirectory">Folder of the config file, when the pipeline came from one.</param>
/// <param name="Log">Logger for construction-time messages.</param>
public sealed record StageBuildContext(string BaseDirectory, string? ConfigDirectory, ILogger Log)
{
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
