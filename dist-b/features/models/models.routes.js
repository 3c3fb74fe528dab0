import { Type } from '@sinclair/typebox';
const ModelSchema = Type.Object({
    id: Type.String({ description: 'what to send as `model`' }),
    provider: Type.String({ description: 'the provider id (`ollama`, `openai` or a stored one)' }),
    name: Type.String({ description: "the model's name at its upstream" }),
});
/** The models every enabled upstream offers, merged; an unreachable upstream is left out. */
export const modelRoutes = async (app, { gateway }) => {
    app.get('/api/models', {
        config: { auth: { scope: 'chat' } },
        schema: {
            tags: ['models'],
            summary: 'Models offered by the configured upstreams',
            response: { 200: Type.Object({ items: Type.Array(ModelSchema) }) },
        },
    }, async () => ({
        items: (await gateway.listModels()).map(({ id, provider, name }) => ({ id, provider, name })),
    }));
};
//# sourceMappingURL=models.routes.js.map