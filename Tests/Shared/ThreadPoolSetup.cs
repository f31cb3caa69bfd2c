using System.Runtime.CompilerServices;

namespace WasGo.Tests.Shared;

/// <remarks>Compiled into each test project that runs actors (linked from Tests/Shared), as each is its own application.</remarks>
internal static class ThreadPoolSetup
{
    /// <summary>
    /// The test host blocks pool threads for about a second at times; on a 2-core machine (two pool
    /// threads to start with) every mailbox and timer then stalls, and timing tests see a burst of
    /// late messages. More threads up front keep the runtime's timing what it would be in production.
    /// </summary>
#pragma warning disable CA2255 // A test assembly is the application here; nothing else sets the pool up.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void GiveThePoolHeadroom()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
    }
}
