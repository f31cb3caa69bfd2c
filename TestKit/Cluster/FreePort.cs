using System.Net;
using System.Net.Sockets;

namespace WasGo.Actors.TestKit;

/// <summary>Free TCP ports on 127.0.0.1, for cluster nodes that must know each other's address before they start.</summary>
public static class FreePort
{
    /// <summary>Gets a port nothing listens on now (the OS's choice; another process could take it before it is used, which the OS makes unlikely by not handing it out again soon).</summary>
    /// <returns>The port.</returns>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
