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
/// <remarks>A built-in stage is described (its attribute read, its type loaded, its rejection reasons collected) only when a
/// config names it or the whole list is asked for: a run pays for the stages it uses, not for all twenty.</remarks>
public sealed class StageRegistry
{
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _describing = new();

    /// <summary>A registry with every stage built into DataPrep.</summary>
    public static StageRegistry CreateDefault() => BuiltInStages.AddTo(new StageRegistry());

    /// <summary>All registered stages, in the paper's order (family), then by name.</summary>
    public IReadOnlyList<StageDescriptor> Stages =>
        _byName.Values.Select(Describe).OrderBy(d => d.Family).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();

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
        Register(descriptor.Name, new Entry(descriptor));
        return this;
    }

    /// <summary>Registers a built-in stage under <paramref name="name"/>, the name in its <see cref="StageAttribute"/>, without
    /// loading its class: <paramref name="describe"/> runs when the stage is first looked up (<see cref="BuiltInStages"/>).</summary>
    internal StageRegistry AddBuiltIn(string name, Func<StageDescriptor> describe)
    {
        Register(name, new Entry(null, DescribeBuiltIn));
        return this;

        StageDescriptor DescribeBuiltIn()
        {
            var descriptor = describe();
            return descriptor.Name == name ? descriptor : throw new InvalidOperationException(
                $"BuiltInStages lists {descriptor.StageType.FullName} as '{name}' but its [Stage] attribute says '{descriptor.Name}'.");
        }
    }

    /// <summary>Finds a stage by config name, ignoring case.</summary>
    public bool TryGet(string name, out StageDescriptor descriptor)
    {
        if (_byName.TryGetValue(name, out var entry))
        {
            descriptor = Describe(entry);
            return true;
        }
        descriptor = null!;
        return false;
    }

    // A built-in entry not described yet is described here only when another registration claims its name.
    private void Register(string name, Entry entry)
    {
        if (_byName.TryGetValue(name, out var existing) && Describe(existing).StageType is var taken && taken != Describe(entry).StageType)
        {
            throw new ArgumentException($"Stage name '{name}' is taken by {taken.FullName}; {Describe(entry).StageType.FullName} cannot use it too.");
        }
        _byName[name] = entry;
    }

    // A registry built once may be read by several pipelines at once (DataPrepFactory), so an entry is described under a lock.
    private StageDescriptor Describe(Entry entry)
    {
        if (entry.Descriptor is { } described)
        {
            return described;
        }
        lock (_describing)
        {
            return entry.Descriptor ??= entry.Describe!();
        }
    }

    private sealed class Entry(StageDescriptor? descriptor, Func<StageDescriptor>? describe = null)
    {
        public StageDescriptor? Descriptor { get; set; } = descriptor;

        public Func<StageDescriptor>? Describe { get; } = describe;
    }
}
