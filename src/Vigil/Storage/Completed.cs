namespace Vigil.Storage;

/// <summary>
/// Runs synchronous work behind a task-returning method: an embedded store (SQLite) has nothing to wait on, so its
/// asynchronous methods complete before they return. Failures and cancellation go into the task, as an asynchronous
/// method's would, rather than being thrown at the call.
/// </summary>
internal static class Completed
{
    public static Task<TResult> Run<TArg, TResult>(Func<TArg, CancellationToken, TResult> work, TArg argument, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return Task.FromCanceled<TResult>(ct);
        try
        {
            return Task.FromResult(work(argument, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(ct);
        }
        catch (Exception e)
        {
            return Task.FromException<TResult>(e);
        }
    }

    public static Task<TResult> Run<TResult>(Func<CancellationToken, TResult> work, CancellationToken ct) =>
        Run(static (w, token) => w(token), work, ct);

    public static Task Run(Action<CancellationToken> work, CancellationToken ct) =>
        Run(static (w, token) =>
        {
            w(token);
            return true;
        }, work, ct);
}
