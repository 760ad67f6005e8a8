using BenchmarkDotNet.Running;

namespace DataPrep.Benchmarks;

/// <summary>Runs the micro-benchmarks: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*'</c>;
/// <c>-- stage-profile [corpus...]</c> profiles the quality + PII stages instead; <c>-- pii-profile [corpus...]</c> each
/// PII detector alone; <c>-- analysis-profile [corpus...]</c> the quality stages' shared analysis alone; <c>-- sa-profile
/// [--corpus C] [--bytes N] [--reps R] [--against DIR] [--check]</c> suffix-array construction of one block.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // Not a BenchmarkDotNet run: the quality + PII stage profile over whole corpora (Quality/QualityPiiStageProfile.cs).
        if (args.Length > 0 && args[0] == "stage-profile")
        {
            Quality.QualityPiiStageProfile.Run(args.Length > 1 ? args[1..] : ["en-wiki.jsonl.gz", "ko-wiki.jsonl.gz"]);
            return;
        }
        // Each PII detector alone over whole corpora (Pii/PiiDetectorProfile.cs).
        if (args.Length > 0 && args[0] == "pii-profile")
        {
            Pii.PiiDetectorProfile.Run(args.Length > 1 ? args[1..] : ["en-wiki.jsonl.gz", "ko-wiki.jsonl.gz"]);
            return;
        }
        // The shared quality analysis alone, with and without the ASCII blocks (Quality/DocumentAnalysisProfile.cs).
        if (args.Length > 0 && args[0] == "analysis-profile")
        {
            Quality.DocumentAnalysisProfile.Run(args.Length > 1 ? args[1..] : ["en-wiki.jsonl.gz", "ko-wiki.jsonl.gz"]);
            return;
        }
        // Suffix-array construction of one block, optionally paired against another build (Dedup/SuffixArrayProfile.cs).
        if (args.Length > 0 && args[0] == "sa-profile")
        {
            Dedup.SuffixArrayProfile.Run(args[1..]);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
