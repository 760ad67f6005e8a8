using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Configuration;

/// <summary>
/// Maps config names to stages. <see cref="CreateDefault"/> holds DataPrep's own stages (listed in
/// <see cref="BuiltInStages"/>, no reflection over the assembly); more come from assemblies
/// (<see cref="AddAssembly"/>, what <c>plugins:</c> does) or one by one in code.
/// Only assemblies named explicitly are searched: no folder scanning.
/// </summary>
public sealed class StageRegistry
{
    private readonly Dictionary<string, StageDescriptor> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry with every stage built into DataPrep.</summary>
    public static StageRegistry CreateDefault() => BuiltInStages.AddTo(new StageRegistry());

    /// <summary>All registered stages, in the paper's order (family), then by name.</summary>
    public IReadOnlyList<StageDescriptor> Stages =>
        _byName.Values.OrderBy(d => d.Family).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();

    /// <summary>Registered names.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Registers every class of <paramref name="assembly"/> marked with <see cref="StageAttribute"/>.</summary>
    /// <remarks>Not available in the native (AOT) binary: check <see cref="PluginSupport.IsSupported"/> first.</remarks>
    [RequiresUnreferencedCode("Finds stages by reflection over the assembly's types; their options are bound by reflection.")]
    [RequiresDynamicCode("Options of stages found by reflection are bound by reflection, which may need code generated at run time.")]
    public StageRegistry AddAssembly(Assembly assembly)
    {
        PluginOptionsResolver.Enable();
        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.GetCustomAttribute<StageAttribute>() is { } attribute && !type.IsAbstract)
            {
                Add(new StageDescriptor(attribute.Name, type, attribute.OptionsType, attribute.Description, attribute.Family));
            }
        }
        return this;
    }

    /// <summary>Registers the <see cref="StageAttribute"/>-marked stage <typeparamref name="TStage"/> (trim- and AOT-safe).</summary>
    /// <exception cref="ArgumentException">The class has no <see cref="StageAttribute"/>, no usable constructor, or its name is taken.</exception>
    public StageRegistry Add<[DynamicallyAccessedMembers(StageDescriptor.StageMembers)] TStage>()
        where TStage : class, IStage => Add(StageDescriptor.For<TStage>());

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
