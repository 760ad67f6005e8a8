using System.Reflection;
using DataPrep.Configuration;

namespace DataPrep.Hosting;

/// <summary>What <see cref="ServiceCollectionExtensions.AddDataPrep"/> registers besides DataPrep's own stages.</summary>
public sealed class DataPrepOptions
{
    /// <summary>Assemblies whose <see cref="Pipeline.StageAttribute"/> classes are registered too (your own stages).</summary>
    public IList<Assembly> StageAssemblies { get; } = [];

    /// <summary>Threads, batch sizes and strictness for pipelines made through <see cref="DataPrepFactory"/>.</summary>
    public Configuration.ExecutionOptions Execution { get; set; } = new();
}
