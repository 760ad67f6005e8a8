using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;

namespace DataPrep.Tests.Configuration;

/// <summary>The compile-time binding metadata covers every record a config can name (what the native binary binds with).</summary>
public class OptionsJsonContextTests
{
    private static IEnumerable<Type> ConfigRecords() =>
        new[] { typeof(InputOptions), typeof(OutputOptions), typeof(ExecutionOptions) }
            .Concat(StageRegistry.CreateDefault().Stages.Select(s => s.OptionsType));

    [Fact]
    public void EveryOptionsRecordOfEveryBuiltInStageHasGeneratedMetadata()
    {
        var missing = ConfigRecords().Where(t => OptionsJsonContext.Default.GetTypeInfo(t) is null).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0,
            "Options records without a [JsonSerializable] line in src/DataPrep/Configuration/OptionsJsonContext.cs: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryEnumOptionIsWrittenAsItsCamelCaseNameAndRefusesNumbers()
    {
        var enums = new HashSet<Type>();
        foreach (var record in ConfigRecords())
        {
            CollectEnums(OptionsJsonContext.Default.GetTypeInfo(record)!, enums, []);
        }
        Assert.NotEmpty(enums);
        foreach (var type in enums)
        {
            var typeInfo = OptionsJsonContext.Default.GetTypeInfo(type)!;
            var first = Enum.GetValues(type).GetValue(0)!;
            Assert.True(JsonSerializer.Serialize(first, typeInfo) == $"\"{OptionsBinder.ConfigName(first.ToString()!)}\"",
                $"{type.FullName} is not written as a camelCase name: add ConfigEnumConverter<{type.Name}> to OptionsJsonContext's Converters.");
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("0", typeInfo));
        }
    }

    [Fact]
    public void BuiltInRecordsBindWithoutReflection()
    {
        // The chain's first resolver (the generated context) answers for every built-in record, so the reflection
        // fallback that plugins switch on is never what binds them.
        foreach (var record in ConfigRecords())
        {
            var typeInfo = OptionsBinder.SerializerOptions.GetTypeInfo(record);
            Assert.Equal(OptionsJsonContext.Default.GetTypeInfo(record)!.Properties.Select(p => p.Name), typeInfo.Properties.Select(p => p.Name));
            Assert.NotNull(OptionsBinder.CreateDefault(record));
        }
    }

    private static void CollectEnums(JsonTypeInfo typeInfo, HashSet<Type> enums, HashSet<Type> seen)
    {
        if (!seen.Add(typeInfo.Type))
        {
            return;
        }
        foreach (var property in typeInfo.Properties)
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsEnum)
            {
                enums.Add(type);
            }
            else if (OptionsJsonContext.Default.GetTypeInfo(type) is { Kind: JsonTypeInfoKind.Object } nested)
            {
                CollectEnums(nested, enums, seen);
            }
        }
    }
}
