/**
 * The client for a provider's kind over a pool of its own (connect timeout `connectTimeoutMs`).
 * The HTTP stack and the official client (undici, `openai` or `ollama`: about 40 MiB and
 * 150 ms together) load on the first call, so an instance that has not chatted yet pays
 * nothing for them at start.
 */
export function openUpstreamConnection(target, limits) {
    let loaded;
    const load = () => (loaded ??= (async () => {
        const { createUpstreamAgent } = await import('./upstream-http.js');
        const agent = createUpstreamAgent(limits.connectTimeoutMs);
        switch (target.kind) {
            case 'ollama': {
                const { ollamaUpstream } = await import('./ollama-upstream.js');
                return { agent, client: ollamaUpstream(target, agent) };
            }
            case 'openai': {
                const { openaiUpstream } = await import('./openai-upstream.js');
                return { agent, client: openaiUpstream(target, agent, limits.totalTimeoutMs) };
            }
        }
    })());
    const whenLoaded = async (use) => {
        if (loaded)
            await use((await loaded).agent).catch(() => undefined);
    };
    return {
        client: {
            listModels: async (signal) => (await load()).client.listModels(signal),
            streamChat: async (request, signal) => (await load()).client.streamChat(request, signal),
            embed: async (request, signal) => (await load()).client.embed(request, signal),
        },
        close: () => whenLoaded((agent) => agent.close()),
        destroy: () => whenLoaded((agent) => agent.destroy()),
    };
}
//# sourceMappingURL=upstream-client.js.map