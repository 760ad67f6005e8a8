using System.Runtime.InteropServices;

namespace DataPrep.Benchmarks.Pii;

/// <summary>CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>). The build machine is
/// shared, so wall-clock time includes time spent waiting for a core; CPU time is what "MB/s per core" means.</summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Seconds of CPU the current thread has used.</summary>
    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux() || clock_gettime(ClockThreadCpuTimeId, out var spec) != 0)
        {
            return double.NaN;
        }
        return spec.Seconds + spec.Nanoseconds / 1e9;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec spec);
}
