/** An emulator that cannot start produces an error naming it, and the emulators already started are stopped. */
import { startEmulators } from '../../emulators';

jest.mock('../../emulators/kinesis-emulator', () => ({
  startKinesisEmulator: () => Promise.reject(new Error('listen EADDRINUSE 127.0.0.1')),
}));

describe('startEmulators start-up failure', () => {
  it('names the emulator and its implementation', async () => {
    // Act
    const attempt = startEmulators({ streams: [{ name: 'clicks' }], queues: [{ name: 'q' }] });
    // Assert
    await expect(attempt).rejects.toMatchObject({
      name: 'EmulatorStartError',
      service: 'kinesis',
      message: 'failed to start the kinesis emulator (kinesalite): listen EADDRINUSE 127.0.0.1',
    });
  });
});
