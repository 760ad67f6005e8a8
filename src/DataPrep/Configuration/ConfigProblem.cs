namespace DataPrep.Configuration;

/// <summary>One problem in a config: where (<c>stages[2].MinHashDedup.bands</c>) and what.</summary>
/// <param name="Path">Config path of the offending value.</param>
/// <param name="Message">What is wrong, the expected type or range, and the nearest valid names.</param>
public sealed record ConfigProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : $"{Path}: {Message}";
}
