// Runs last, also after a failed run (verify.<run>.groovy checked each run): the namespace goes.
try {
    true
} finally {
    context.cluster?.deleteNamespace(context.namespace)
    context.cluster?.close()
}
