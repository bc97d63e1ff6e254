import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

// n8n-core 2.8 starts a 60 s interval (its SSH clients manager) with the first node execution
// context; stop it so jest can exit when a test file is done.
afterAll(() => {
	Container.get(SSHClientsManager).onShutdown();
});
