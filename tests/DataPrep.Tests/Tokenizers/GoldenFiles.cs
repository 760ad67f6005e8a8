using System.Text.Json;
using System.Text.Json.Nodes;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Tokenizers;

/// <summary>Reads (and, with DATAPREP_WRITE_GOLDEN=1, rewrites) the golden id files under Golden/.</summary>
internal static class GoldenFiles
{
    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "DataPrep.Tests", "Tokenizers", "Golden");

    public static bool Writing => Environment.GetEnvironmentVariable("DATAPREP_WRITE_GOLDEN") == "1";

    public static IReadOnlyList<string> Texts()
    {
        var array = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "texts.json")))!.AsArray();
        return array.Select(node => node!["text"]!.GetValue<string>()).ToList();
    }

    public static IReadOnlyList<(string Text, int[] Ids)> Cases(string fileName)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, fileName)))!;
        return root["cases"]!.AsArray()
            .Select(c => (c!["text"]!.GetValue<string>(), c["ids"]!.AsArray().Select(i => i!.GetValue<int>()).ToArray()))
            .ToList();
    }

    public static void Write(string fileName, string reference, string tokenizer, IEnumerable<(string Text, int[] Ids)> cases)
    {
        var root = new JsonObject
        {
            ["reference"] = reference,
            ["tokenizer"] = tokenizer,
            ["cases"] = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
            {
                ["text"] = c.Text,
                ["ids"] = new JsonArray(c.Ids.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()),
            }).ToArray()),
        };
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };
        File.WriteAllText(Path.Combine(Folder, fileName), root.ToJsonString(options) + "\n");
    }
}
