using DataPrep.IO.Gzip;

namespace DataPrep.Tests.IO;

/// <summary>Runs a test body on one gzip engine by name, so a test parameterised with "zlib" and "isal" covers both.</summary>
internal static class GzipEngines
{
    public static TheoryData<string> Names => new() { "zlib", "isal" };

    /// <summary>The engine called <paramref name="name"/>; "isal" is zlib on a machine without libisal (CI requires it: see GzipEngineTests).</summary>
    public static GzipEngine Get(string name) => name switch
    {
        "zlib" => GzipEngine.Zlib,
        "isal" => GzipEngine.IsalEngine ?? GzipEngine.Zlib,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static IDisposable Use(string name) => GzipEngine.Use(Get(name));
}
