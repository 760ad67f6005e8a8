using DataPrep.Pipeline;

namespace DataPrep.Configuration;

/// <summary>One bound entry of <c>stages:</c>: the registered stage, its validated options and its config path.</summary>
/// <param name="Name">The registered config name.</param>
/// <param name="Descriptor">The registered stage.</param>
/// <param name="Options">The bound options record (defaults filled in).</param>
/// <param name="Path">Config path of the entry, e.g. <c>stages[2].MinHashDedup</c>.</param>
public sealed record StageConfiguration(string Name, StageDescriptor Descriptor, object Options, string Path);
