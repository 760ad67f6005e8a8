namespace DataPrep.Tests.Shared;

/// <summary>This test assembly's name, for the trait discoverer that tests/Shared declares.</summary>
internal static class TestAssembly
{
    public const string Name = "DataPrep.Tests";
}
