using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DataPrep.Pipeline;

namespace DataPrep.Configuration;

/// <summary>
/// Whether stages can come from assemblies found at run time (<c>plugins:</c>, <see cref="StageRegistry.AddAssembly"/>).
/// True in the JIT-compiled <c>dataprep</c> (the dotnet tool, <c>dotnet run</c>) and in any .NET host; false in the
/// native (AOT) binary, which cannot load assemblies: there a config naming plugins is refused at validation.
/// </summary>
internal static class PluginSupport
{
    /// <summary>The runtime switch a native build sets to false (<c>DataPrep.Cli.csproj</c>), so the reflection code is left out of it.</summary>
    public const string SwitchName = "DataPrep.Plugins.IsSupported";

    /// <summary>True when stage assemblies can be loaded and scanned by reflection.</summary>
    [FeatureSwitchDefinition(SwitchName)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    public static bool IsSupported { get; } =
        RuntimeFeature.IsDynamicCodeSupported && (!AppContext.TryGetSwitch(SwitchName, out var enabled) || enabled);
}
