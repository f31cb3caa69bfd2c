using System.Runtime.CompilerServices;

namespace WasGo.Actors.TestKit.Tests.Support;

internal static class ThreadPoolSetup
{
    /// <summary>
    /// The test host blocks pool threads for about a second at times; on a 2-core machine every
    /// mailbox and timer then stalls. More threads up front keep the timing tests honest.
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
