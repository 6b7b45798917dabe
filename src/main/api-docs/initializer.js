// Starts Swagger UI on the hub's own document. Payara's MicroProfile OpenAPI serves it at the
// server's root, outside the WAR's context root; it names the api-v2 base as its server, so
// "Try it out" calls this hub. The validator badge is off: it would send the document to an
// outside service.
window.addEventListener('load', function () {
    window.ui = SwaggerUIBundle({
        url: '/openapi',
        dom_id: '#swagger-ui',
        deepLinking: true,
        presets: [SwaggerUIBundle.presets.apis],
        layout: 'BaseLayout',
        validatorUrl: null
    });
});
