using Xunit.Abstractions;
using Xunit.Sdk;

namespace DataPrep.Tests.Shared;

/// <summary>
/// A fact that reads <see cref="SharedData"/>: skipped with a reason when ../shared is absent, and traited
/// <c>Category=Integration</c> so it can be selected (<c>--filter Category=Integration</c>) or left out
/// (<c>--filter Category!=Integration</c>).
/// </summary>
[XunitTestCaseDiscoverer("Xunit.Sdk.FactDiscoverer", "xunit.execution.{Platform}")]
[TraitDiscoverer(IntegrationTraitDiscoverer.TypeName, TestAssembly.Name)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute, ITraitAttribute
{
    public SharedDataFactAttribute()
    {
        if (!SharedData.IsPresent)
        {
            Skip = SharedData.SkipReason;
        }
    }
}

/// <summary>A theory that reads <see cref="SharedData"/>; see <see cref="SharedDataFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("Xunit.Sdk.TheoryDiscoverer", "xunit.execution.{Platform}")]
[TraitDiscoverer(IntegrationTraitDiscoverer.TypeName, TestAssembly.Name)]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (!SharedData.IsPresent)
        {
            Skip = SharedData.SkipReason;
        }
    }
}

/// <summary>Gives every <see cref="SharedDataFactAttribute"/>/<see cref="SharedDataTheoryAttribute"/> test the trait Category=Integration.</summary>
public sealed class IntegrationTraitDiscoverer : ITraitDiscoverer
{
    public const string TypeName = "DataPrep.Tests.Shared.IntegrationTraitDiscoverer";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>("Category", "Integration");
    }
}
