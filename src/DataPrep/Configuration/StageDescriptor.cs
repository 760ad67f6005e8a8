using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Configuration;

/// <summary>A registered stage: config name, stage and options types, description and declared rejection reasons.</summary>
public sealed class StageDescriptor
{
    private readonly ConstructorInfo _constructor;
    private readonly bool _takesBuildContext;

    /// <summary>What a stage class must keep in a trimmed or native build: its constructors (to create it) and its
    /// public static fields and properties (its declared rejection reasons).</summary>
    internal const DynamicallyAccessedMemberTypes StageMembers =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicProperties;

    /// <summary>Describes <paramref name="stageType"/> registered as <paramref name="name"/>, with options of any record type
    /// (bound by reflection). DataPrep's own stages use <see cref="For{TStage}"/>, which works in the native binary.</summary>
    /// <exception cref="ArgumentException">The stage type has no usable constructor or is not an <see cref="IStage"/>.</exception>
    [RequiresUnreferencedCode("The options record is bound by reflection over its public properties.")]
    [RequiresDynamicCode("The options record is bound by reflection, which may need code generated at run time.")]
    public StageDescriptor(string name, [DynamicallyAccessedMembers(StageMembers)] Type stageType, Type optionsType, string description = "",
        int family = 9)
        : this(name, stageType, optionsType, family, description)
    {
        PluginOptionsResolver.Enable();
    }

    private StageDescriptor(string name, [DynamicallyAccessedMembers(StageMembers)] Type stageType, Type optionsType, int family,
        string description)
    {
        if (!typeof(IStage).IsAssignableFrom(stageType))
        {
            throw new ArgumentException($"{stageType.FullName} does not implement IStage.", nameof(stageType));
        }
        Name = name;
        StageType = stageType;
        OptionsType = optionsType;
        Description = description;
        Family = family;
        var withContext = stageType.GetConstructor([optionsType, typeof(StageBuildContext)]);
        var plain = stageType.GetConstructor([optionsType]);
        _constructor = withContext ?? plain ?? throw new ArgumentException(
            $"{stageType.FullName} needs a public constructor ({optionsType.Name}) or ({optionsType.Name}, StageBuildContext).",
            nameof(stageType));
        _takesBuildContext = withContext is not null;
        RejectionReasons = FindReasons(stageType);
    }

    /// <summary>Config name (matched ignoring case).</summary>
    public string Name { get; }

    /// <summary>The stage class.</summary>
    public Type StageType { get; }

    /// <summary>The options record.</summary>
    public Type OptionsType { get; }

    /// <summary>What the stage does.</summary>
    public string Description { get; }

    /// <summary>Position in the paper's order (0 normalise … 4 tokenization, 9 other).</summary>
    public int Family { get; }

    /// <summary>The reasons the stage may reject a document with.</summary>
    public IReadOnlyList<RejectionReason> RejectionReasons { get; }

    /// <summary>Describes the <see cref="StageAttribute"/>-marked class <typeparamref name="TStage"/>, whose options record is one
    /// of DataPrep's own (bound through generated code, so this works in the native binary).</summary>
    /// <exception cref="ArgumentException">The class has no <see cref="StageAttribute"/> or no usable constructor.</exception>
    public static StageDescriptor For<[DynamicallyAccessedMembers(StageMembers)] TStage>()
        where TStage : class, IStage
    {
        var attribute = typeof(TStage).GetCustomAttribute<StageAttribute>()
            ?? throw new ArgumentException($"{typeof(TStage).FullName} has no [Stage] attribute.", nameof(TStage));
        return new StageDescriptor(attribute.Name, typeof(TStage), attribute.OptionsType, attribute.Family, attribute.Description);
    }

    /// <summary>Default options: the record with every default, as a bare stage name in a config gives.</summary>
    public object CreateDefaultOptions() => OptionsBinder.CreateDefault(OptionsType);

    /// <summary>Creates the stage.</summary>
    public IStage Create(object options, StageBuildContext context)
    {
        try
        {
            return (IStage)_constructor.Invoke(_takesBuildContext ? [options, context] : [options]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static IReadOnlyList<RejectionReason> FindReasons([DynamicallyAccessedMembers(StageMembers)] Type stageType)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        var reasons = new List<RejectionReason>();
        foreach (var field in stageType.GetFields(flags))
        {
            if (field.FieldType == typeof(RejectionReason) && field.GetValue(null) is RejectionReason r)
            {
                reasons.Add(r);
            }
        }
        foreach (var property in stageType.GetProperties(flags))
        {
            if (property.PropertyType == typeof(RejectionReason) && property.GetValue(null) is RejectionReason r)
            {
                reasons.Add(r);
            }
        }
        return reasons.DistinctBy(r => r.Code).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }
}
