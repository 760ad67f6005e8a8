using Spectre.Console;

namespace DataPrep.Cli;

/// <summary>Where a command writes: stdout for results, stderr for logs and errors. Tests pass string writers.</summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        Interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected
            && Environment.GetEnvironmentVariable("CI") is null;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!Interactive)
        {
            Ansi.Profile.Width = 160;
            // Spectre's own default for an unknown terminal. Tables never use the height, but without it Spectre asks
            // System.Console for the window height, which loads and parses the terminfo database (~15 methods compiled,
            // ~10 ms of CPU per run; bench/results/startup.md, Session 11).
            Ansi.Profile.Height = 24;
        }
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>True on a terminal: show a live progress display instead of periodic log lines.</summary>
    public bool Interactive { get; }

    public IAnsiConsole Ansi { get; }
}
