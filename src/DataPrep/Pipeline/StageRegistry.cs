using System.Reflection;

namespace DataPrep.Pipeline;

/// <summary>
/// Maps config names to stages. <see cref="CreateDefault"/> holds DataPrep's own stages; more come
/// from assemblies (<see cref="AddAssembly"/>, what <c>plugins:</c> does) or one by one in code.
/// Only assemblies named explicitly are searched: no folder scanning.
/// </summary>
public sealed class StageRegistry
{
    private readonly Dictionary<string, StageDescriptor> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry with every stage built into DataPrep.</summary>
    public static StageRegistry CreateDefault()
    {
        var registry = new StageRegistry();
        registry.AddAssembly(typeof(StageRegistry).Assembly);
        return registry;
    }

    /// <summary>All registered stages, in the paper's order (family), then by name.</summary>
    public IReadOnlyList<StageDescriptor> Stages =>
        _byName.Values.OrderBy(d => d.Family).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();

    /// <summary>Registered names.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Registers every class of <paramref name="assembly"/> marked with <see cref="StageAttribute"/>.</summary>
    public StageRegistry AddAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.GetCustomAttribute<StageAttribute>() is { } attribute && !type.IsAbstract)
            {
                Add(new StageDescriptor(attribute.Name, type, attribute.OptionsType, attribute.Description, attribute.Family));
            }
        }
        return this;
    }

    /// <summary>Registers one stage.</summary>
    /// <exception cref="ArgumentException">Another stage type is already registered under that name.</exception>
    public StageRegistry Add(StageDescriptor descriptor)
    {
        if (_byName.TryGetValue(descriptor.Name, out var existing) && existing.StageType != descriptor.StageType)
        {
            throw new ArgumentException(
                $"Stage name '{descriptor.Name}' is taken by {existing.StageType.FullName}; {descriptor.StageType.FullName} cannot use it too.");
        }
        _byName[descriptor.Name] = descriptor;
        return this;
    }

    /// <summary>Finds a stage by config name, ignoring case.</summary>
    public bool TryGet(string name, out StageDescriptor descriptor) => _byName.TryGetValue(name, out descriptor!);
}
