using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Nodes;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;

namespace DataPrep.Configuration;

/// <summary>
/// A config file, bound and validated: <c>input</c>, ordered <c>stages</c> with options, <c>output</c>,
/// <c>execution</c> and <c>plugins</c>. Every problem is collected with its config path and reported
/// together, before any data is read.
/// </summary>
public sealed class PipelineConfig
{
    private static readonly string[] TopLevelKeys = ["input", "stages", "output", "execution", "plugins"];

    private PipelineConfig(string? source, string? configDirectory, InputOptions input, IReadOnlyList<StageConfiguration> stages,
        OutputOptions output, ExecutionOptions execution, IReadOnlyList<string> plugins, StageRegistry registry)
    {
        Source = source;
        ConfigDirectory = configDirectory;
        Input = input;
        Stages = stages;
        Output = output;
        Execution = execution;
        Plugins = plugins;
        Registry = registry;
    }

    /// <summary>The config file's path (or a name given to inline text).</summary>
    public string? Source { get; }

    /// <summary>The folder of the config file: plugin paths resolve against it.</summary>
    public string? ConfigDirectory { get; }

    /// <summary>The input section.</summary>
    public InputOptions Input { get; private set; }

    /// <summary>The stages in order.</summary>
    public IReadOnlyList<StageConfiguration> Stages { get; }

    /// <summary>The output section.</summary>
    public OutputOptions Output { get; private set; }

    /// <summary>The execution section.</summary>
    public ExecutionOptions Execution { get; private set; }

    /// <summary>The plugin assemblies named in the config.</summary>
    public IReadOnlyList<string> Plugins { get; }

    /// <summary>The registry the stages were bound against (including plugin stages).</summary>
    public StageRegistry Registry { get; }

    /// <summary>Loads and validates a YAML or JSON config file.</summary>
    /// <exception cref="PipelineConfigException">The file is missing or any value is invalid (all problems listed).</exception>
    public static PipelineConfig Load(string path, StageRegistry? registry = null)
    {
        if (!File.Exists(path))
        {
            throw new PipelineConfigException(path, [new ConfigProblem("", $"config file '{path}' does not exist.")]);
        }
        var full = System.IO.Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), path, System.IO.Path.GetDirectoryName(full), registry);
    }

    /// <summary>Parses and validates config text (YAML or JSON).</summary>
    /// <exception cref="PipelineConfigException">Any value is invalid (all problems listed).</exception>
    public static PipelineConfig Parse(string text, string? sourceName = null, string? configDirectory = null, StageRegistry? registry = null)
    {
        registry ??= StageRegistry.CreateDefault();
        var root = ConfigTree.Parse(text, sourceName);
        var problems = new List<ConfigProblem>();
        if (root is not JsonObject obj)
        {
            throw new PipelineConfigException(sourceName, [new ConfigProblem("", "the config must be a mapping with input, stages and output.")]);
        }
        foreach (var (key, _) in obj)
        {
            if (!TopLevelKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(PipelineConfigException.UnknownArgument(key, key, TopLevelKeys));
            }
        }
        var plugins = BindPlugins(Get(obj, "plugins"), configDirectory, registry, problems);
        var input = (InputOptions?)OptionsBinder.Bind(typeof(InputOptions), Get(obj, "input"), "input", problems) ?? new InputOptions();
        var output = (OutputOptions?)OptionsBinder.Bind(typeof(OutputOptions), Get(obj, "output"), "output", problems) ?? new OutputOptions();
        var execution = (ExecutionOptions?)OptionsBinder.Bind(typeof(ExecutionOptions), Get(obj, "execution"), "execution", problems) ?? new ExecutionOptions();
        var stages = BindStages(Get(obj, "stages"), registry, problems);
        if (problems.Count > 0)
        {
            throw new PipelineConfigException(sourceName, problems);
        }
        return new PipelineConfig(sourceName, configDirectory, input, stages, output, execution, plugins, registry);
    }

    /// <summary>Replaces input paths, the output folder or execution options (what <c>--input</c>, <c>--output</c>, <c>--strict</c> do).</summary>
    public PipelineConfig WithOverrides(IReadOnlyList<string>? inputPaths = null, string? outputPath = null, bool? strict = null, int? threads = null)
    {
        if (inputPaths is { Count: > 0 })
        {
            Input = Input with { Path = inputPaths };
        }
        if (outputPath is not null)
        {
            Output = Output with { Path = outputPath };
        }
        if (strict is not null)
        {
            Execution = Execution with { Strict = strict.Value };
        }
        if (threads is not null)
        {
            Execution = Execution with { Threads = threads.Value };
        }
        return this;
    }

    private static JsonNode? Get(JsonObject obj, string key) =>
        obj.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static List<StageConfiguration> BindStages(JsonNode? node, StageRegistry registry, List<ConfigProblem> problems)
    {
        var result = new List<StageConfiguration>();
        if (node is null)
        {
            return result;
        }
        if (node is not JsonArray array)
        {
            problems.Add(PipelineConfigException.InvalidValue("stages", "expected a list of stages, e.g. '- Normalize' or '- GopherQuality: { minWords: 50 }'."));
            return result;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            string name;
            JsonNode? options;
            if (item is JsonValue value && value.TryGetValue<string>(out var bare))
            {
                name = bare;
                options = null;
            }
            else if (item is JsonObject entry && entry.Count == 1)
            {
                (name, options) = entry.First();
            }
            else
            {
                problems.Add(PipelineConfigException.InvalidValue($"stages[{i}]",
                    "each stage is a name ('- Normalize') or a name with options ('- GopherQuality: { minWords: 50 }')."));
                continue;
            }
            var path = $"stages[{i}].{name}";
            if (!registry.TryGet(name, out var descriptor))
            {
                problems.Add(PipelineConfigException.UnknownStage($"stages[{i}]", name, registry.Names));
                continue;
            }
            var bound = OptionsBinder.Bind(descriptor.OptionsType, options, path, problems);
            if (bound is not null)
            {
                result.Add(new StageConfiguration(descriptor.Name, descriptor, bound, path));
            }
        }
        return result;
    }

    private static List<string> BindPlugins(JsonNode? node, string? configDirectory, StageRegistry registry, List<ConfigProblem> problems)
    {
        var plugins = new List<string>();
        if (node is null)
        {
            return plugins;
        }
        var items = node is JsonArray array ? array.ToList() : [node];
        for (var i = 0; i < items.Count; i++)
        {
            var path = node is JsonArray ? $"plugins[{i}]" : "plugins";
            if (items[i] is not JsonValue v || !v.TryGetValue<string>(out var name))
            {
                problems.Add(PipelineConfigException.InvalidValue(path, "expected an assembly name or a path to a .dll."));
                continue;
            }
            if (!PluginSupport.IsSupported)
            {
                problems.Add(PipelineConfigException.InvalidValue(path,
                    $"cannot load plugin '{name}': this is the native (AOT) dataprep binary, which cannot load assemblies. " +
                    "Run configs with plugins through the dotnet tool (dotnet tool install DataPrep.Tool) or 'dotnet run'."));
                continue;
            }
            try
            {
                registry.AddAssembly(LoadPlugin(name, configDirectory));
                plugins.Add(name);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException
                or ReflectionTypeLoadException)
            {
                problems.Add(PipelineConfigException.InvalidValue(path, $"cannot load plugin '{name}': {e.Message}"));
            }
        }
        return plugins;
    }

    // A name ending in .dll is a file (relative to the config's folder, then the current one); otherwise an assembly name.
    [RequiresUnreferencedCode("Loads an assembly from a path; its stages are found by reflection.")]
    private static Assembly LoadPlugin(string name, string? configDirectory)
    {
        if (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var candidates = new[] { configDirectory, Directory.GetCurrentDirectory(), AppContext.BaseDirectory }
                .Where(d => d is not null).Select(d => System.IO.Path.GetFullPath(name, d!)).ToList();
            var found = candidates.FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"'{name}' not found (looked in {string.Join(", ", candidates)}).");
            return System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(found);
        }
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
        if (loaded is not null)
        {
            return loaded;
        }
        var local = System.IO.Path.Combine(AppContext.BaseDirectory, name + ".dll");
        return File.Exists(local)
            ? System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(local)
            : Assembly.Load(new AssemblyName(name));
    }
}
