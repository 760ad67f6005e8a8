namespace DataPrep.Pipeline;

/// <summary>One problem with an options record: the property (config name) and what is wrong.</summary>
/// <param name="Property">Option name as written in config files (camelCase), or empty for the whole record.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record OptionProblem(string Property, string Message);
